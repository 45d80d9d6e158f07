#pragma once

#include <QCoreApplication>
#include <QImage>
#include <QString>
#include <QStringList>

class QTextDocument;

namespace Clearway::Ui {

// The acceptance receipt (受理回执) the applicant keeps: what was received, by whom, and by when it
// is due. Values are display text, in the workstation's language.
struct ApplicationReceipt
{
    QString number;
    QString service;        // translated item name
    QString officialService; // the item's official name, when it differs
    QString applicant;
    QString applicantId;
    QString contact;
    QStringList documents;  // translated names of the documents received
    int timeLimitDays = 0;
    QString receivedAt;     // formatted
    QString due;            // formatted
    QString officer;        // name (id)
    QString window;
    QString office;         // customs office
    QString handlingOffice; // translated section
};

class ReceiptPrinter final
{
    Q_DECLARE_TR_FUNCTIONS(Clearway::Ui::ReceiptPrinter)

public:
    // The receipt as a rich-text document on an A5-sized page (the caller owns it).
    static QTextDocument *document(const ApplicationReceipt &receipt);
    // Writes the receipt to a PDF file whose title (PDF and XMP metadata) is the application
    // number. false with *error when the file cannot be written.
    static bool writePdf(const ApplicationReceipt &receipt, const QString &path, QString *error);
    // The receipt as an image `width` pixels wide, white background (screenshots, previews).
    static QImage render(const ApplicationReceipt &receipt, int width);

private:
    static QString html(const ApplicationReceipt &receipt);
};

} // namespace Clearway::Ui
