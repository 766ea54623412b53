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
    public const string ImportStrictRefused = "IMPORT_STRICT_REFUSED";

    // Data in: one code per reason a CSV row is rejected (written to FILE.rejects.csv)
    public const string RowColumnCount = "ROW_COLUMN_COUNT";
    public const string RowMissingValue = "ROW_MISSING_VALUE";
    public const string RowBadDate = "ROW_BAD_DATE";
    public const string RowBadValue = "ROW_BAD_VALUE";
    public const string RowBadChannel = "ROW_BAD_CHANNEL";
    public const string RowBadState = "ROW_BAD_STATE";
    public const string RowUnknownProcedure = "ROW_UNKNOWN_PROCEDURE";
    public const string RowUnknownAgency = "ROW_UNKNOWN_AGENCY";
    public const string RowUnknownField = "ROW_UNKNOWN_FIELD";
    public const string RowDuplicateCode = "ROW_DUPLICATE_CODE";
    public const string RowInconsistent = "ROW_INCONSISTENT";
    public const string RowUnclosedQuote = "ROW_UNCLOSED_QUOTE";

    // Seed
    public const string SeedNotEmpty = "SEED_NOT_EMPTY";
    public const string SeedIdentityDrift = "SEED_IDENTITY_DRIFT";
}
