using System.Security.Cryptography;
using System.Text;

namespace Reporting.Worker.Deliver;

/// <summary>
/// Message-IDs derived from what is sent and to whom, never random: a re-send of the same version to the same
/// mailbox carries the same Message-ID, so the receiving side (and a person) recognises it as a duplicate.
/// </summary>
public static class MessageIds
{
    /// <summary>"rv-123.v2.&lt;16 hex of sha256(recipient)&gt;@reporting.local" (without angle brackets).</summary>
    public static string ForReport(long reportVersionId, int version, string recipient, string domain) =>
        $"rv-{reportVersionId}.v{version}.{Hash(recipient)}@{domain}";

    /// <summary>"rm-annual.2026.SNV.d7.&lt;hash&gt;@reporting.local": one per (kind, period, unit, step).</summary>
    public static string ForReminder(string kind, string periodCode, string unitCode, int stepDays, string domain) =>
        $"rm-{Safe(kind)}.{Safe(periodCode)}.{Safe(unitCode)}.d{stepDays}.{Hash($"{kind}/{periodCode}/{unitCode}/{stepDays}")}@{domain}";

    private static string Hash(string value) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value.Trim().ToLowerInvariant())))[..16].ToLowerInvariant();

    private static string Safe(string value) =>
        new(value.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
}
