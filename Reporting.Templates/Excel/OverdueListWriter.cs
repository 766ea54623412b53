using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Reporting.Templates.Formatting;
using Reporting.Templates.Model;

namespace Reporting.Templates.Excel;

/// <summary>
/// Adds the list of overdue dossiers to a workbook ClosedXML has saved, as its own last sheet, without ever holding
/// the list or its XML in memory: a new zip is written forward-only (<see cref="ZipArchive"/> in create mode) with
/// ClosedXML's entries copied across, <c>xl/workbook.xml</c>, its relationships and <c>[Content_Types].xml</c>
/// patched to name the new sheet, and the sheet part streamed row by row through an <see cref="XmlWriter"/> into
/// its deflated zip entry while the rows are enumerated. Only the compressed output grows (≈ 33 bytes a row).
/// Strings are inline (no shared-string table to build); counts are numbers. (System.IO.Packaging opened for
/// update, the earlier way, keeps every part uncompressed in memory until it closes: 100k rows cost ~200 MB.)
/// </summary>
public static class OverdueListWriter
{
    public const string SheetName = "Hồ sơ quá hạn";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string OfficeRels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRels = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string AppNs = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    private const string VtNs = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
    private const string WorksheetRelType = OfficeRels + "/worksheet";
    private const string WorksheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

    private static readonly string[] Headers =
        ["STT", "Mã hồ sơ", "Đơn vị", "Lĩnh vực", "Thủ tục hành chính", "Ngày tiếp nhận", "Hạn giải quyết", "Ngày giải quyết", "Số ngày quá hạn"];

    private static readonly double[] Widths = [7, 28, 32, 28, 50, 14, 14, 14, 12];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Copies the saved workbook <paramref name="workbook"/> (a seekable stream holding ClosedXML's zip) to
    /// <paramref name="output"/>, with the overdue list as an extra last sheet when <paramref name="dossiers"/> is not
    /// empty (unchanged otherwise). The rows are enumerated once, as they are written. <paramref name="output"/> may
    /// be forward-only; it is left open.
    /// </summary>
    public static void Write(Stream workbook, Stream output, IEnumerable<OverdueDossier> dossiers)
    {
        using var rows = dossiers.GetEnumerator();
        if (!rows.MoveNext())
        {
            workbook.CopyTo(output);
            return;
        }

        using var source = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true);
        var names = source.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sheetNumber = Enumerable.Range(1, int.MaxValue).First(n => !names.Contains($"xl/worksheets/sheet{n}.xml"));
        var partName = $"xl/worksheets/sheet{sheetNumber}.xml";

        var workbookRels = Load(source, "xl/_rels/workbook.xml.rels");
        var relIds = workbookRels.Root!.Elements(XName.Get("Relationship", PackageRels)).Select(r => (string?)r.Attribute("Id")).ToHashSet(StringComparer.Ordinal);
        var relId = Enumerable.Range(1, int.MaxValue).Select(n => $"rId{n}").First(id => !relIds.Contains(id));
        workbookRels.Root.Add(new XElement(XName.Get("Relationship", PackageRels),
            new XAttribute("Id", relId), new XAttribute("Type", WorksheetRelType), new XAttribute("Target", "/" + partName)));

        var contentTypes = Load(source, "[Content_Types].xml");
        contentTypes.Root!.Add(new XElement(XName.Get("Override", ContentTypesNs),
            new XAttribute("PartName", "/" + partName), new XAttribute("ContentType", WorksheetContentType)));

        var book = Load(source, "xl/workbook.xml");
        AddSheet(book, relId);

        // docProps/app.xml lists the sheet names (Excel rewrites it on save; readers do not depend on it).
        var app = source.GetEntry("docProps/app.xml") is null ? null : Load(source, "docProps/app.xml");
        if (app is not null && !AddToAppProperties(app))
        {
            app = null;
        }

        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Utf8))
        {
            foreach (var entry in source.Entries)
            {
                var replacement = entry.FullName switch
                {
                    "[Content_Types].xml" => contentTypes,
                    "xl/_rels/workbook.xml.rels" => workbookRels,
                    "xl/workbook.xml" => book,
                    "docProps/app.xml" => app,
                    _ => null,
                };
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = entry.LastWriteTime;
                using var to = copy.Open();
                if (replacement is not null)
                {
                    Save(replacement, to);
                }
                else
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                }
            }

            var sheet = target.CreateEntry(partName, CompressionLevel.Optimal);
            using var stream = sheet.Open();
            WriteSheet(stream, rows);
        }
    }

    /// <summary>The sheet entry in workbook.xml, last, and its header row repeated on every printed page.</summary>
    private static void AddSheet(XDocument book, string relId)
    {
        var root = book.Root!;
        var sheets = root.Element(XName.Get("sheets", Main)) ?? throw new InvalidDataException("xl/workbook.xml has no <sheets>.");
        var existing = sheets.Elements(XName.Get("sheet", Main)).ToList();
        var sheetId = existing.Select(s => (uint?)s.Attribute("sheetId") ?? 0u).DefaultIfEmpty(0u).Max() + 1;
        sheets.Add(new XElement(XName.Get("sheet", Main),
            new XAttribute("name", SheetName), new XAttribute("sheetId", sheetId), new XAttribute(XName.Get("id", OfficeRels), relId)));

        var definedNames = root.Element(XName.Get("definedNames", Main));
        if (definedNames is null)
        {
            definedNames = new XElement(XName.Get("definedNames", Main));
            // Schema order: sheets, functionGroups?, externalReferences?, definedNames.
            var before = root.Element(XName.Get("externalReferences", Main)) ?? root.Element(XName.Get("functionGroups", Main)) ?? sheets;
            before.AddAfterSelf(definedNames);
        }

        definedNames.Add(new XElement(XName.Get("definedName", Main),
            new XAttribute("name", "_xlnm.Print_Titles"),
            new XAttribute("localSheetId", existing.Count),
            $"'{SheetName.Replace("'", "''", StringComparison.Ordinal)}'!$1:$1"));
    }

    /// <summary>
    /// Adds the sheet after the last worksheet title in TitlesOfParts and counts it in HeadingPairs; false (nothing
    /// changed) when the part does not have the shape ClosedXML writes.
    /// </summary>
    private static bool AddToAppProperties(XDocument app)
    {
        var root = app.Root!;
        var pairs = root.Element(XName.Get("HeadingPairs", AppNs))?.Element(XName.Get("vector", VtNs));
        var titles = root.Element(XName.Get("TitlesOfParts", AppNs))?.Element(XName.Get("vector", VtNs));
        if (pairs is null || titles is null)
        {
            return false;
        }

        var variants = pairs.Elements(XName.Get("variant", VtNs)).ToList();
        var items = titles.Elements(XName.Get("lpstr", VtNs)).ToList();
        var offset = 0;
        for (var i = 0; i + 1 < variants.Count; i += 2)
        {
            var countElement = variants[i + 1].Element(XName.Get("i4", VtNs));
            if (countElement is null || !int.TryParse(countElement.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            {
                return false;
            }

            if ((string?)variants[i].Element(XName.Get("lpstr", VtNs)) == "Worksheets")
            {
                if (items.Count < offset + count)
                {
                    return false;
                }

                var title = new XElement(XName.Get("lpstr", VtNs), SheetName);
                if (offset + count == 0)
                {
                    titles.AddFirst(title);
                }
                else
                {
                    items[offset + count - 1].AddAfterSelf(title);
                }

                countElement.Value = (count + 1).ToString(CultureInfo.InvariantCulture);
                titles.SetAttributeValue("size", (items.Count + 1).ToString(CultureInfo.InvariantCulture));
                return true;
            }

            offset += count;
        }

        return false;
    }

    private static XDocument Load(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"The saved workbook has no {name}.");
        using var stream = entry.Open();
        return XDocument.Load(stream, LoadOptions.PreserveWhitespace);
    }

    private static void Save(XDocument document, Stream to)
    {
        using var writer = XmlWriter.Create(to, new XmlWriterSettings { Encoding = Utf8, Indent = false });
        document.Declaration ??= new XDeclaration("1.0", "utf-8", "yes");
        document.Save(writer);
    }

    /// <summary>The worksheet part: frozen header row, widths, A4 landscape one page wide, one row per dossier.</summary>
    private static void WriteSheet(Stream stream, IEnumerator<OverdueDossier> rows)
    {
        using var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = Utf8, Indent = false });
        w.WriteStartDocument(standalone: true);
        w.WriteStartElement("worksheet", Main);
        w.WriteAttributeString("xmlns", "r", null, OfficeRels);

        w.WriteStartElement("sheetPr", Main);
        w.WriteStartElement("pageSetUpPr", Main);
        w.WriteAttributeString("fitToPage", "1");
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("sheetViews", Main);
        w.WriteStartElement("sheetView", Main);
        w.WriteAttributeString("workbookViewId", "0");
        w.WriteStartElement("pane", Main);
        w.WriteAttributeString("ySplit", "1");
        w.WriteAttributeString("topLeftCell", "A2");
        w.WriteAttributeString("activePane", "bottomLeft");
        w.WriteAttributeString("state", "frozen");
        w.WriteEndElement();
        w.WriteStartElement("selection", Main);
        w.WriteAttributeString("pane", "bottomLeft");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("cols", Main);
        for (var c = 0; c < Widths.Length; c++)
        {
            var column = (c + 1).ToString(CultureInfo.InvariantCulture);
            w.WriteStartElement("col", Main);
            w.WriteAttributeString("min", column);
            w.WriteAttributeString("max", column);
            w.WriteAttributeString("width", Widths[c].ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("customWidth", "1");
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("sheetData", Main);
        var row = new RowWriter(w);
        row.Start(1);
        foreach (var h in Headers)
        {
            row.Text(h);
        }

        row.End();
        var index = 2L;
        do
        {
            var d = rows.Current;
            row.Start(index);
            row.Number(index - 1);
            row.Text(d.DossierCode);
            row.Text(d.UnitName);
            row.Text(d.FieldName);
            row.Text(d.ProcedureName);
            row.Text(VietnameseFormat.ShortDate(d.ReceivedOn));
            row.Text(VietnameseFormat.ShortDate(d.DueOn));
            row.Text(d.ResolvedOn is { } r ? VietnameseFormat.ShortDate(r) : "");
            row.Number(d.DaysOverdue);
            row.End();
            index++;
        }
        while (rows.MoveNext());

        w.WriteEndElement();

        w.WriteStartElement("pageMargins", Main);
        w.WriteAttributeString("left", "0.6");
        w.WriteAttributeString("right", "0.4");
        w.WriteAttributeString("top", "0.75");
        w.WriteAttributeString("bottom", "0.75");
        w.WriteAttributeString("header", "0.3");
        w.WriteAttributeString("footer", "0.3");
        w.WriteEndElement();
        w.WriteStartElement("pageSetup", Main);
        w.WriteAttributeString("paperSize", "9");
        w.WriteAttributeString("orientation", "landscape");
        w.WriteAttributeString("fitToWidth", "1");
        w.WriteAttributeString("fitToHeight", "0");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    /// <summary>
    /// Cells of one row, in column order and without references (a reader places each cell after the previous one;
    /// 900k references would add ~2 MB to the file); an empty string is a blank cell.
    /// </summary>
    private sealed class RowWriter(XmlWriter w)
    {
        public void Start(long index)
        {
            w.WriteStartElement("row", Main);
            w.WriteAttributeString("r", index.ToString(CultureInfo.InvariantCulture));
        }

        public void Number(long value)
        {
            w.WriteStartElement("c", Main);
            w.WriteElementString("v", Main, value.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }

        public void Text(string value)
        {
            w.WriteStartElement("c", Main);
            if (value.Length > 0)
            {
                w.WriteAttributeString("t", "inlineStr");
                w.WriteStartElement("is", Main);
                w.WriteStartElement("t", Main);
                if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
                {
                    w.WriteAttributeString("xml", "space", null, "preserve");
                }

                w.WriteString(VietnameseFormat.Nfc(value));
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        public void End() => w.WriteEndElement();
    }
}
