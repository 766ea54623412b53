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
}
