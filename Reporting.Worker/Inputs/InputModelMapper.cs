using System.Globalization;
using Reporting.Templates.Model;

namespace Reporting.Worker.Inputs;

/// <summary>
/// Stored inputs as the report model wants them. Narrative: one <see cref="NarrativeSection"/> per field, flat,
/// Number = outline key ("I.2", "II.3", "III"), Heading = the field label; a missing required section carries a
/// <see cref="Placeholder"/> (an official draft is normally blocked before that, see InputsGate); a missing optional
/// section has no blocks (nothing to add; no placeholder). Indicators: every indicator of the kind, in definition order, missing ones with no value
/// and an empty Display. Text is passed through as text.
/// </summary>
public static class InputModelMapper
{
    public static UnitInputContent Map(InputDefinition definition, IReadOnlyDictionary<string, string> values)
    {
        var sections = new List<NarrativeSection>();
        foreach (var field in definition.Narratives)
        {
            if (values.TryGetValue(field.Code, out var text))
            {
                sections.Add(new NarrativeSection(field.Code, field.Label, NarrativeText.Parse(text), []));
            }
            else
            {
                // Required: a conspicuous placeholder. Optional: a section with no blocks, saying "the unit has
                // nothing to add here", so the template prints no placeholder into a report that may be signed.
                sections.Add(new NarrativeSection(field.Code, field.Label,
                    field.IsRequired(definition.Kind) ? [new Placeholder(field.Help)] : [], []));
            }
        }

        var indicators = definition.Indicators
            .Select(f => Indicator(f, values.GetValueOrDefault(f.Code)))
            .ToList();
        return new UnitInputContent(sections, indicators);
    }

    public static UnitIndicator Indicator(InputField field, string? canonical)
    {
        var type = field.IndicatorType;
        if (canonical is null)
        {
            return new UnitIndicator(field.Code, field.Group, field.Label, field.UnitOfMeasure, type, null, null, null, null, "");
        }

        var display = InputFormat.Display(field, canonical);
        return type switch
        {
            UnitIndicatorType.Count => new UnitIndicator(field.Code, field.Group, field.Label, field.UnitOfMeasure, type,
                long.Parse(canonical, CultureInfo.InvariantCulture), null, null, null, display),
            UnitIndicatorType.Percentage => new UnitIndicator(field.Code, field.Group, field.Label, field.UnitOfMeasure, type,
                null, decimal.Parse(canonical, CultureInfo.InvariantCulture), null, null, display),
            UnitIndicatorType.Date => new UnitIndicator(field.Code, field.Group, field.Label, field.UnitOfMeasure, type,
                null, null, DateOnly.ParseExact(canonical, "yyyy-MM-dd", CultureInfo.InvariantCulture), null, display),
            _ => new UnitIndicator(field.Code, field.Group, field.Label, field.UnitOfMeasure, type, null, null, null, canonical, display),
        };
    }
}

/// <summary>What the inputs add to a report model: narrative sections and appendix indicators.</summary>
public sealed record UnitInputContent(IReadOnlyList<NarrativeSection> Sections, IReadOnlyList<UnitIndicator> Indicators);
