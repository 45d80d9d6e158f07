#pragma once

#include <QStringView>

namespace Clearway::Models {

// Code formats and fixed code lists, so that the server and the workstation agree without reading files at run time.
// Taken from Debian's iso-codes 4.15 (ISO 3166-1 and ISO 4217, current codes).

// An officially assigned ISO 3166-1 alpha-2 country code, in capitals ("CN", "VN").
bool isCountryCode(QStringView code);

// A current ISO 4217 alpha-3 currency code, in capitals ("CNY", "USD"). Precious metals, the
// test code XTS, "no currency" XXX and the bond-market units XBA-XBD are not goods currencies
// and are refused.
bool isCurrencyCode(QStringView code);

// The formats of Chinese customs numbers (format only: check characters are not verified).
bool isHsCode(QStringView code);       // 10 digits
bool isHsPrefix(QStringView prefix);   // 1 to 10 digits
bool isEntryNumber(QStringView number); // 18 digits
bool isTradeModeCode(QStringView code); // 4 digits
bool isDistrictCode(QStringView code);  // 4 digits (关区代码)
// A unified social credit code (GB 32100): 18 characters from 0-9 and the capitals without I, O, S, V, Z.
bool isCreditCode(QStringView code);

// The index 0..675 of a two-capital-letter code (AA = 0, ZZ = 675), or -1; whether or not the
// code is assigned. The risk engine keys its country sets by it.
int countryIndex(QStringView code);

} // namespace Clearway::Models
