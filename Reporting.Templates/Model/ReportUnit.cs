namespace Reporting.Templates.Model;

/// <summary>A reporting unit as printed. Level: province, district, commune; Kind: department, commune, ...</summary>
public sealed record ReportUnit(string Code, string Name, string Level, string Kind);
