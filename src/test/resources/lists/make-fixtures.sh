#!/usr/bin/env bash
# Makes the list fixtures of the import tests from their sources, with LibreOffice, as an office's own tools write
# them. Run once after changing a source and commit the results: the tests read the files, never LibreOffice.
#
#   apt-get install -y libreoffice-calc-nogui libreoffice-writer-nogui
#   bash src/test/resources/lists/make-fixtures.sh
#
# list.fods              -> list.xls (Excel 97-2003, BIFF8), list.xlsx, and list.et
# formulas.fods          -> formulas.xls (formulas filled down: shared formulas)
# notice*.html           -> notice*.docx (Word 2007+), notice.html also -> notice.doc (Word 97-2003, refused)
#
# list.et: WPS 表格 saves .et in the BIFF8 compound-file format of .xls (its streams, records and the OLE2 magic bytes
# D0 CF 11 E0 are the same; WPS reads a renamed .xls as .et and the other way round). Without WPS on this machine,
# list.et is LibreOffice's .xls under WPS's extension: the bytes an office's .et holds for such a sheet.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# a profile of its own, so that a LibreOffice someone has open is neither used nor disturbed
office=(soffice --headless "-env:UserInstallation=file://$work/profile")

"${office[@]}" --convert-to 'xls:MS Excel 97' --outdir "$work" "$here/list.fods"
"${office[@]}" --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$work" "$here/list.fods"
"${office[@]}" --convert-to 'xls:MS Excel 97' --outdir "$work" "$here/formulas.fods"
for notice in notice notice-without-list notice-with-mistakes; do
  "${office[@]}" --infilter='HTML (StarWriter)' --convert-to 'docx:MS Word 2007 XML' --outdir "$work" "$here/$notice.html"
done
"${office[@]}" --infilter='HTML (StarWriter)' --convert-to 'doc:MS Word 97' --outdir "$work" "$here/notice.html"

cp "$work/list.xls" "$work/formulas.xls" "$here/"
cp "$work/list.xls" "$here/list.et"
cp "$work/list.xlsx" "$here/list.xlsx"
cp "$work"/notice*.docx "$work/notice.doc" "$here/"
ls -l "$here"
