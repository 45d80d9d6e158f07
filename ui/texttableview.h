#pragma once

#include <QString>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace Clearway::Ui {

// A read-only table of rows (goods lines, history, dry-run results): whole rows selected,
// alternating colours, columns sized to their contents and the last one stretched.
QTableView *makeTable(QAbstractItemModel *model, const QString &objectName, QWidget *parent);

} // namespace Clearway::Ui
