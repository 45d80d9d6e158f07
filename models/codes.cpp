#include "models/codes.h"

#include <bitset>
#include <string_view>

namespace Clearway::Models {

namespace {

// ISO 3166-1 alpha-2: 249 codes.
constexpr std::string_view kCountries =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI "
    "BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN "
    "CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK "
    "FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM "
    "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK "
    "ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP "
    "NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF "
    "TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS YE YT ZA ZM ZW ";

// ISO 4217 alpha-3 (without metals, XTS, XXX, XBA-XBD): 171 codes.
constexpr std::string_view kCurrencies =
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND "
    "BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU "
    "CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS "
    "GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD "
    "JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL "
    "MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR "
    "NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG "
    "SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY "
    "TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD "
    "XDR XOF XPF XSU XUA YER ZAR ZMW ZWL ";

bool isUpper(char16_t c) { return c >= u'A' && c <= u'Z'; }

int threeLetterIndex(char16_t a, char16_t b, char16_t c) { return ((a - u'A') * 26 + (b - u'A')) * 26 + (c - u'A'); }

const std::bitset<26 * 26> &countrySet()
{
    static const std::bitset<26 * 26> set = [] {
        std::bitset<26 * 26> s;
        for (size_t i = 0; i + 2 <= kCountries.size(); i += 3)
            s.set(size_t((kCountries[i] - 'A') * 26 + (kCountries[i + 1] - 'A')));
        return s;
    }();
    return set;
}

const std::bitset<26 * 26 * 26> &currencySet()
{
    static const std::bitset<26 * 26 * 26> set = [] {
        std::bitset<26 * 26 * 26> s;
        for (size_t i = 0; i + 3 <= kCurrencies.size(); i += 4)
            s.set(size_t(threeLetterIndex(char16_t(kCurrencies[i]), char16_t(kCurrencies[i + 1]), char16_t(kCurrencies[i + 2]))));
        return s;
    }();
    return set;
}

bool allDigits(QStringView s)
{
    for (QChar c : s) {
        if (c.unicode() < u'0' || c.unicode() > u'9')
            return false;
    }
    return true;
}

} // namespace

bool isHsCode(QStringView code) { return code.size() == 10 && allDigits(code); }
bool isHsPrefix(QStringView prefix) { return !prefix.isEmpty() && prefix.size() <= 10 && allDigits(prefix); }
bool isEntryNumber(QStringView number) { return number.size() == 18 && allDigits(number); }
bool isTradeModeCode(QStringView code) { return code.size() == 4 && allDigits(code); }
bool isDistrictCode(QStringView code) { return code.size() == 4 && allDigits(code); }

bool isCreditCode(QStringView code)
{
    static constexpr std::u16string_view kAlphabet = u"0123456789ABCDEFGHJKLMNPQRTUWXY";
    if (code.size() != 18)
        return false;
    for (QChar c : code) {
        if (kAlphabet.find(c.unicode()) == std::u16string_view::npos)
            return false;
    }
    return true;
}

int countryIndex(QStringView code)
{
    if (code.size() != 2 || !isUpper(code[0].unicode()) || !isUpper(code[1].unicode()))
        return -1;
    return (code[0].unicode() - u'A') * 26 + (code[1].unicode() - u'A');
}

bool isCountryCode(QStringView code)
{
    const int index = countryIndex(code);
    return index >= 0 && countrySet().test(size_t(index));
}

bool isCurrencyCode(QStringView code)
{
    if (code.size() != 3 || !isUpper(code[0].unicode()) || !isUpper(code[1].unicode()) || !isUpper(code[2].unicode()))
        return false;
    return currencySet().test(size_t(threeLetterIndex(code[0].unicode(), code[1].unicode(), code[2].unicode())));
}

} // namespace Clearway::Models
