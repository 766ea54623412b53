using DbUp;
using DbUp.Engine.Output;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Database;

/// <summary>
/// Applies sql/schema/*.sql with DbUp, in name order, one transaction per script, journalled in
/// public.schema_versions. A merged script is never edited: a change is a new script.
/// </summary>
public static class Migrations
{
    public static void Apply(string connectionString, TextWriter log)
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(Migrations).Assembly, name => name.StartsWith("sql/schema/", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .JournalToPostgresqlTable("public", "schema_versions")
            .LogTo(new QuietLog(log))
            .Build();

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new ReportingException(ErrorCodes.MigrationFailed,
                $"Migration '{result.ErrorScript?.Name}' thất bại: {result.Error?.Message}", result.Error);
        }
    }

    /// <summary>Only the scripts actually applied reach the log; DbUp's chatter does not.</summary>
    private sealed class QuietLog(TextWriter log) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }

        public void LogDebug(string format, params object[] args) { }

        public void LogInformation(string format, params object[] args)
        {
            if (format.StartsWith("Executing", StringComparison.Ordinal))
            {
                log.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
            }
        }

        public void LogWarning(string format, params object[] args) => log.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogError(string format, params object[] args) => log.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogError(Exception ex, string format, params object[] args) => log.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
