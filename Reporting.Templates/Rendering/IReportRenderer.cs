using Reporting.Templates.Model;

namespace Reporting.Templates.Rendering;

/// <summary>The render stage: a model in, the official PDF and the statistical workbook out. No database.</summary>
public interface IReportRenderer
{
    Task<RenderedReport> RenderAsync(ReportModel model, CancellationToken cancellationToken);
}

/// <summary>The rendered files of one report version, before any signature.</summary>
public sealed record RenderedReport(byte[] Pdf, byte[] Xlsx);
