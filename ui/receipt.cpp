#include "ui/receipt.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QAbstractTextDocumentLayout>
#include <QTextDocument>

#include <memory>

namespace Clearway::Ui {

namespace {

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style=\"color:#555; padding-right:12px\">%1</td><td>%2</td></tr>").arg(label.toHtmlEscaped(), value);
}

} // namespace

QString ReceiptPrinter::html(const ApplicationReceipt &r)
{
    QString documents;
    for (const QString &d : r.documents)
        documents += QStringLiteral("<li>%1</li>").arg(d.toHtmlEscaped());
    QString service = r.service.toHtmlEscaped();
    if (!r.officialService.isEmpty() && r.officialService != r.service)
        service += QStringLiteral("<br><span style=\"color:#555\">%1</span>").arg(r.officialService.toHtmlEscaped());
    return QStringLiteral("<html><body style=\"font-size:10pt\">"
                          "<h2 align=\"center\">%1</h2>"
                          "<p align=\"center\" style=\"font-size:14pt\"><b>%2</b></p>"
                          "<table cellspacing=\"0\" cellpadding=\"3\">%3</table>"
                          "<p><b>%4</b></p><ol>%5</ol>"
                          "<p>%6</p><p style=\"color:#555\">%7</p></body></html>")
        .arg(tr("Acceptance receipt").toHtmlEscaped(), tr("Application number: %1").arg(r.number).toHtmlEscaped(),
             row(tr("Service item"), service) + row(tr("Applicant"), r.applicant.toHtmlEscaped()) + row(tr("Credit code / ID number"), r.applicantId.toHtmlEscaped())
                 + row(tr("Contact"), r.contact.toHtmlEscaped()) + row(tr("Received"), r.receivedAt.toHtmlEscaped())
                 + row(tr("Time limit"), tr("%n working day(s)", nullptr, r.timeLimitDays).toHtmlEscaped())
                 + row(tr("Due by"), QStringLiteral("<b>%1</b>").arg(r.due.toHtmlEscaped())) + row(tr("Handled by"), r.handlingOffice.toHtmlEscaped())
                 + row(tr("Received by"), r.officer.toHtmlEscaped()) + row(tr("Window"), r.window.toHtmlEscaped())
                 + row(tr("Customs office"), r.office.toHtmlEscaped()),
             tr("Documents received").toHtmlEscaped(), documents,
             tr("Look up progress with the application number at any service window, or ask the window that received it.").toHtmlEscaped(),
             tr("Keep this receipt until the application is completed.").toHtmlEscaped());
}

QTextDocument *ReceiptPrinter::document(const ApplicationReceipt &receipt)
{
    auto *doc = new QTextDocument;
    doc->setDocumentMargin(24);
    doc->setHtml(html(receipt));
    doc->setMetaInformation(QTextDocument::DocumentTitle, receipt.number);
    return doc;
}

bool ReceiptPrinter::writePdf(const ApplicationReceipt &receipt, const QString &path, QString *error)
{
    {
        QPdfWriter writer(path);
        writer.setTitle(receipt.number);
        writer.setCreator(QStringLiteral("Clearway"));
        writer.setPageSize(QPageSize(QPageSize::A5));
        writer.setResolution(300);
        std::unique_ptr<QTextDocument> doc(document(receipt));
        QPainter painter;
        if (!painter.begin(&writer)) {
            *error = tr("The receipt could not be written to %1.").arg(path);
            return false;
        }
        // Laid out for the writer's resolution, at the page's width in its device pixels.
        doc->documentLayout()->setPaintDevice(&writer);
        doc->setHtml(html(receipt));
        const QRectF page = writer.pageLayout().paintRectPixels(writer.resolution());
        doc->setPageSize(page.size());
        doc->drawContents(&painter, QRectF(QPointF(0, 0), page.size()));
        painter.end();
    }
    if (QFileInfo(path).size() <= 0) {
        *error = tr("The receipt could not be written to %1.").arg(path);
        return false;
    }
    return true;
}

QImage ReceiptPrinter::render(const ApplicationReceipt &receipt, int width)
{
    std::unique_ptr<QTextDocument> doc(document(receipt));
    doc->setTextWidth(width);
    QImage image(QSize(width, int(doc->size().height()) + 1), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    doc->drawContents(&painter);
    return image;
}

} // namespace Clearway::Ui
