using Reporting.Templates.Formatting;
using Reporting.Templates.Model;

namespace Reporting.Templates.Html;

public enum BlockKind
{
    Paragraph,
    Bullets,
    Placeholder,
    RateNote,
}

/// <summary>One printed block; <see cref="Items"/> holds the bullets of a list, else one text.</summary>
public sealed record BlockView(BlockKind Kind, IReadOnlyList<string> Items)
{
    public string Text => Items[0];
}

/// <summary>An outline slot ready to print: heading, the template's figure paragraphs, then the unit's text.</summary>
public sealed record SlotView(string Number, string Label, string Heading, int Depth, SlotFigures Figures, IReadOnlyList<BlockView> Blocks, IReadOnlyList<SlotView> Children);

/// <summary>
/// Merges the template's outline with the unit's narrative (keyed by <see cref="NarrativeSection.Number"/>) and the
/// figure paragraphs; a leaf slot with neither figures nor text gets a "[Đơn vị bổ sung: …]" placeholder. The last
/// block of the body carries the end mark "./.". Sections whose number the outline does not know are kept, at the end.
/// </summary>
public static class BodyView
{
    public const string EndMark = "./.";

    public static IReadOnlyList<SlotView> Build(ReportModel model)
    {
        var supplied = new Dictionary<string, NarrativeSection>(StringComparer.Ordinal);
        foreach (var s in Flatten(model.Sections))
        {
            supplied.TryAdd(s.Number.Trim(), s);
        }

        var outline = ReportOutline.For(model);
        var slots = outline.Select(s => Slot(s, 0, model, supplied)).ToList();
        var known = ReportOutline.Flatten(outline).Select(s => s.Number).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in model.Sections.Where(s => !known.Contains(s.Number.Trim())))
        {
            slots.Add(Extra(extra, 0));
        }

        return MarkEnd(slots);
    }

    private static IEnumerable<NarrativeSection> Flatten(IEnumerable<NarrativeSection> sections) =>
        sections.SelectMany(s => new[] { s }.Concat(Flatten(s.Subsections)));

    private static SlotView Slot(OutlineSlot slot, int depth, ReportModel model, Dictionary<string, NarrativeSection> supplied)
    {
        var blocks = new List<BlockView>();
        foreach (var text in FigureText.For(slot.Figures, model))
        {
            blocks.Add(new BlockView(BlockKind.Paragraph, [text]));
        }

        var hasSection = supplied.TryGetValue(slot.Number, out var section);
        if (hasSection)
        {
            blocks.AddRange(section!.Blocks.Select(Block));
        }
        else if (slot.Children.Count == 0 && slot.Figures == SlotFigures.None)
        {
            blocks.Add(new BlockView(BlockKind.Placeholder, [$"[Đơn vị bổ sung: {slot.Prompt}]"]));
        }

        foreach (var (name, rate) in FigureText.RateNotes(slot.Figures, model))
        {
            blocks.Add(new BlockView(BlockKind.RateNote, [FigureText.RateNote(name, rate)]));
        }

        var children = slot.Children.Select(c => Slot(c, depth + 1, model, supplied)).ToList();
        return new SlotView(slot.Number, slot.Label, slot.Heading, depth, slot.Figures, blocks, children);
    }

    private static SlotView Extra(NarrativeSection s, int depth) =>
        new(s.Number, s.Number, s.Heading, depth, SlotFigures.None, s.Blocks.Select(Block).ToList(), s.Subsections.Select(c => Extra(c, depth + 1)).ToList());

    private static BlockView Block(NarrativeBlock b) => b switch
    {
        Paragraph p => new BlockView(BlockKind.Paragraph, [VietnameseFormat.Nfc(p.Text)]),
        BulletList l => new BlockView(BlockKind.Bullets, l.Items.Select(VietnameseFormat.Nfc).ToList()),
        Placeholder ph => new BlockView(BlockKind.Placeholder, [VietnameseFormat.Nfc($"[Đơn vị bổ sung: {ph.Prompt}]")]),
        _ => throw new ArgumentOutOfRangeException(nameof(b), b.GetType().Name, "Khối nội dung không được hỗ trợ."),
    };

    /// <summary>Appends "./." to the last printed text of the body (a rate note does not end the body).</summary>
    private static List<SlotView> MarkEnd(List<SlotView> slots)
    {
        for (var i = slots.Count - 1; i >= 0; i--)
        {
            if (TryMark(slots[i]) is { } marked)
            {
                slots[i] = marked;
                return slots;
            }
        }

        return slots;
    }

    private static SlotView? TryMark(SlotView slot)
    {
        for (var c = slot.Children.Count - 1; c >= 0; c--)
        {
            if (TryMark(slot.Children[c]) is { } child)
            {
                var children = slot.Children.ToList();
                children[c] = child;
                return slot with { Children = children };
            }
        }

        for (var b = slot.Blocks.Count - 1; b >= 0; b--)
        {
            var block = slot.Blocks[b];
            if (block.Kind == BlockKind.RateNote)
            {
                continue;
            }

            var items = block.Items.ToList();
            items[^1] = items[^1].TrimEnd('.', ';', ' ') + EndMark;
            var blocks = slot.Blocks.ToList();
            blocks[b] = block with { Items = items };
            return slot with { Blocks = blocks };
        }

        return null;
    }
}
