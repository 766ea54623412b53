namespace Reporting.Templates.Model;

/// <summary>
/// One overdue dossier (resolved late or open past its due date) for the streamed list sheet of the workbook.
/// Lists can be 100k+ rows; the workbook writes them with the OpenXml SAX writer.
/// </summary>
public sealed record OverdueDossier(
    string DossierCode,
    string UnitName,
    string FieldName,
    string ProcedureName,
    DateOnly ReceivedOn,
    DateOnly DueOn,
    DateOnly? ResolvedOn,
    int DaysOverdue);
