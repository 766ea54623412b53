using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;

namespace Reporting.Worker.Inputs;

/// <summary>
/// The definition of one report kind as JSON, for the web form (and the API): version, kind and per field its
/// code, type, label, help, group, unit of measure, required, limits. Property names are camelCase and stable.
/// </summary>
public static class InputDefinitionJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(ReportKind kind) => JsonSerializer.Serialize(Describe(kind), Options);

    public static DefinitionDto Describe(ReportKind kind)
    {
        var definition = InputDefinitions.For(kind);
        return new DefinitionDto(definition.Version, Period.KindName(kind), definition.Fields.Select(f => new FieldDto(
            f.Code,
            TypeName(f.Type),
            f.Label,
            f.Help,
            f.Group,
            f.UnitOfMeasure.Length > 0 ? f.UnitOfMeasure : null,
            f.IsRequired(kind),
            f.CarryForward,
            f.MaxLength > 0 ? f.MaxLength : null,
            f.Type switch { InputFieldType.Count => 0, InputFieldType.Percentage => 0, _ => null },
            f.Type switch { InputFieldType.Count => InputField.MaxCount, InputFieldType.Percentage => 100, _ => null },
            f.Type == InputFieldType.Percentage ? 2 : null)).ToList());
    }

    public static string TypeName(InputFieldType type) => type switch
    {
        InputFieldType.Narrative => "narrative",
        InputFieldType.Count => "integer",
        InputFieldType.Percentage => "percentage",
        InputFieldType.Date => "date",
        _ => "shortText",
    };

    public sealed record DefinitionDto(string Version, string Kind, IReadOnlyList<FieldDto> Fields);

    public sealed record FieldDto(string Code, string Type, string Label, string Help, string Group, string? UnitOfMeasure,
        bool Required, bool CarryForward, int? MaxLength, decimal? Min, decimal? Max, int? Decimals);
}
