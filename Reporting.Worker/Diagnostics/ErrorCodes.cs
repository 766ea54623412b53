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

    // Deliver and tracking
    public const string DeliveryNoRecipients = "DELIVERY_NO_RECIPIENTS";
    public const string DeliveryNoFiles = "DELIVERY_NO_FILES";
    public const string DeliveryFileDropFailed = "DELIVERY_FILE_DROP_FAILED";
    public const string DeliveryNotFound = "DELIVERY_NOT_FOUND";
    public const string DeliveryVersionMismatch = "DELIVERY_VERSION_MISMATCH";
    // Pipeline, runs and scheduling (worker)
    public const string VersionUnknown = "RUN_VERSION_UNKNOWN";
    public const string RunUnknown = "RUN_UNKNOWN";
    public const string BadSchedule = "SCHEDULE_INVALID";
    public const string ArchiveConflict = "ARCHIVE_CONTENT_CONFLICT";
    public const string RunsIncomplete = "RUN_INCOMPLETE";
    public const string RunFailed = "RUN_FAILED";

    // Render (templates, Chromium, workbook)
    public const string RenderDataSourceMissing = "RENDER_DATA_SOURCE_MISSING";
    public const string RenderUnknownFixture = "RENDER_UNKNOWN_FIXTURE";
    public const string RenderFailed = "RENDER_FAILED";
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
    public const string InputWorkbookMismatch = "INPUT_WORKBOOK_MISMATCH";

    // Extract and model (issue 3)
    public const string ExtractCheckFailed = "EXTRACT_CHECK_FAILED";
    public const string UnitNotInPeriod = "UNIT_NOT_IN_PERIOD";
    // HTTP API and API keys (issue 8). The HTTP status each code answers with is in docs/API.md.
    public const string ApiJsonMalformed = "API_JSON_MALFORMED";
    public const string ApiFieldMissing = "API_FIELD_MISSING";
    public const string ApiFormatInvalid = "API_FORMAT_INVALID";
    public const string ApiWindowReversed = "API_WINDOW_REVERSED";
    public const string ApiWindowTooLong = "API_WINDOW_TOO_LONG";
    public const string ApiDateInFuture = "API_DATE_IN_FUTURE";
    public const string ApiFieldUnknown = "API_FIELD_UNKNOWN";
    public const string ApiPageInvalid = "API_PAGE_INVALID";
    public const string ApiKeyMissing = "API_KEY_MISSING";
    public const string ApiKeyUnknown = "API_KEY_UNKNOWN";
    public const string ApiRoleForbidden = "API_ROLE_FORBIDDEN";
    public const string ApiOutOfScope = "API_OUT_OF_SCOPE";
    public const string ApiReportNotFound = "API_REPORT_NOT_FOUND";
    public const string ApiReportNotReady = "API_REPORT_NOT_READY";
    public const string ApiFileNotFound = "API_FILE_NOT_FOUND";
    public const string ApiBodyTooLarge = "API_BODY_TOO_LARGE";
    public const string ApiRateLimited = "API_RATE_LIMITED";
    public const string ApiBadRequest = "API_BAD_REQUEST";
    public const string ApiInternal = "API_INTERNAL";
    public const string ApiProductionFailed = "API_PRODUCTION_FAILED";
    public const string KeyRoleInvalid = "KEY_ROLE_INVALID";
    public const string KeyNotFound = "KEY_NOT_FOUND";
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
    // Sign (PAdES signer, verifier, certificates)
    public const string SignPdfUnreadable = "SIGN_PDF_UNREADABLE";
    public const string SignCertificateMissing = "SIGN_CERTIFICATE_MISSING";
    public const string SignContentsTooSmall = "SIGN_CONTENTS_TOO_SMALL";
    public const string SignTimestampFailed = "SIGN_TIMESTAMP_FAILED";
    public const string CertsExist = "CERTS_EXIST";

    // Archive (content store, metadata, official imports)
    public const string ArchiveEntryNotFound = "ARCHIVE_ENTRY_NOT_FOUND";
    public const string ArchiveContentMissing = "ARCHIVE_CONTENT_MISSING";
    public const string ArchiveContentTampered = "ARCHIVE_CONTENT_TAMPERED";
    public const string ArchiveVerifyFailed = "ARCHIVE_VERIFY_FAILED";
    public const string ArchiveIssuedUnsigned = "ARCHIVE_ISSUED_UNSIGNED";
    public const string ImportDraftNotFound = "ARCHIVE_IMPORT_DRAFT_NOT_FOUND";
    public const string ImportNotAwaiting = "ARCHIVE_IMPORT_NOT_AWAITING";
    public const string ImportUnsigned = "ARCHIVE_IMPORT_UNSIGNED";
    public const string ImportSignatureInvalid = "ARCHIVE_IMPORT_SIGNATURE_INVALID";
    public const string ImportAlteredAfterSigning = "ARCHIVE_IMPORT_ALTERED";
    public const string ImportForeignDocument = "ARCHIVE_IMPORT_FOREIGN";
    public const string ImportUntrusted = "ARCHIVE_IMPORT_UNTRUSTED";

    // API archive search and download (wave 2, tracking2)
    public const string ApiArchiveStateInvalid = "API_ARCHIVE_STATE_INVALID";
    // Bench (the bench verbs: tools they drive, child processes)
    public const string BenchToolFailed = "BENCH_TOOL_FAILED";

    // HTTP API: an /api path no route answers, a method the route does not take (resilience, bad input corpus)
    public const string ApiRouteNotFound = "API_ROUTE_NOT_FOUND";
    public const string ApiMethodNotAllowed = "API_METHOD_NOT_ALLOWED";

    // Resilience (docs/RESILIENCE.md): faults that clear, each with its own code
    public const string DeliveryPending = "DELIVERY_PENDING";
    public const string RenderBrowserCrashed = "RENDER_BROWSER_CRASHED";
    public const string ArchiveNoSpace = "ARCHIVE_NO_SPACE";
    // API: waiting for a report's end (GET /api/reports/{id}?wait=)
    public const string ApiWaitInvalid = "API_WAIT_INVALID";
    // Resilience (a verb interrupted by a transient failure: the database restarting, the mail server away)
    public const string TransientFailure = "TRANSIENT_FAILURE";
}
