namespace Reporting.Worker.Diagnostics;

/// <summary>
/// Stable error codes, grouped by stage. Scripts, the API and operators match on these strings, so a code,
/// once released, is never renamed or reused. Messages are Vietnamese; the code is the contract.
/// </summary>
public static class ErrorCodes
{
    // CLI and configuration
    public const string UnknownVerb = "CLI_UNKNOWN_VERB";
    public const string BadArguments = "CLI_BAD_ARGUMENTS";
    public const string NotYetBuilt = "CLI_NOT_YET";
    public const string BadConfiguration = "CONFIG_INVALID";

    // Database and the embedded cluster
    public const string PostgresBinariesMissing = "DB_PG_BINARIES_MISSING";
    public const string ClusterStartFailed = "DB_CLUSTER_START_FAILED";
    public const string MigrationFailed = "DB_MIGRATION_FAILED";
    public const string SqlFileMissing = "DB_SQL_FILE_MISSING";

    // Calendar and periods
    public const string BadPeriod = "PERIOD_INVALID";
    public const string BadKind = "KIND_INVALID";
    public const string UnknownUnit = "UNIT_UNKNOWN";

    // Data in
    public const string ImportFileMissing = "IMPORT_FILE_MISSING";
    public const string ImportBadHeader = "IMPORT_BAD_HEADER";
    public const string ImportRejectedRows = "IMPORT_REJECTED_ROWS";

    // Unit inputs (narrative sections and indicators a unit writes itself; Reporting.Worker/Inputs)
    public const string InputUnknownField = "INPUT_UNKNOWN_FIELD";
    public const string InputNotInteger = "INPUT_NOT_INTEGER";
    public const string InputNegative = "INPUT_NEGATIVE";
    public const string InputOutOfRange = "INPUT_OUT_OF_RANGE";
    public const string InputNotPercent = "INPUT_NOT_PERCENT";
    public const string InputPercentOutOfRange = "INPUT_PERCENT_OUT_OF_RANGE";
    public const string InputPercentPrecision = "INPUT_PERCENT_PRECISION";
    public const string InputNotDate = "INPUT_NOT_DATE";
    public const string InputDateOutOfRange = "INPUT_DATE_OUT_OF_RANGE";
    public const string InputTooLong = "INPUT_TOO_LONG";
    public const string InputControlCharacter = "INPUT_CONTROL_CHARACTER";
    public const string InputMultiline = "INPUT_MULTILINE";
    public const string InputRequiredMissing = "INPUT_REQUIRED_MISSING";
    public const string InputRejected = "INPUT_REJECTED";
    public const string InputAuthorMissing = "INPUT_AUTHOR_MISSING";
    public const string InputNoPreviousPeriod = "INPUT_NO_PREVIOUS_PERIOD";
    public const string InputWorkbookInvalid = "INPUT_WORKBOOK_INVALID";
    public const string InputDraftBlocked = "INPUT_DRAFT_BLOCKED";
    public const string InputDuplicateField = "INPUT_DUPLICATE_FIELD";

    // Extract and model (issue 3)
    public const string ExtractCheckFailed = "EXTRACT_CHECK_FAILED";
    public const string UnitNotInPeriod = "UNIT_NOT_IN_PERIOD";
}
