namespace Reporting.Templates.Model;

/// <summary>
/// A numbered section of the body ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"), with sub-sections and paragraphs.
/// Text is plain text, never markup: templates encode it.
/// </summary>
public sealed record NarrativeSection(string Number, string Heading, IReadOnlyList<NarrativeBlock> Blocks, IReadOnlyList<NarrativeSection> Subsections);

/// <summary>A paragraph, a bullet list, or a marked placeholder for content the unit has not supplied.</summary>
public abstract record NarrativeBlock;

public sealed record Paragraph(string Text) : NarrativeBlock;

public sealed record BulletList(IReadOnlyList<string> Items) : NarrativeBlock;

/// <summary>Shown conspicuously: "[Đơn vị bổ sung: ...]"; a signed report must not contain any.</summary>
public sealed record Placeholder(string Prompt) : NarrativeBlock;
