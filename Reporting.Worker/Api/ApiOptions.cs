using System.ComponentModel.DataAnnotations;

namespace Reporting.Worker.Api;

/// <summary>The HTTP API's settings, section "Api" (REPORTING_Api__MaxWindowDays=...); validated at start.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Longest data window an ad hoc request may ask for, in days (both ends included).</summary>
    [Range(1, 3660)]
    public int MaxWindowDays { get; set; } = 366;

    /// <summary>Largest request body accepted (bytes); beyond it the answer is 413.</summary>
    [Range(256, 1_048_576)]
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Largest body of <c>PUT /api/inputs/...</c> (the unit's inputs as JSON: up to 14 narrative sections of
    /// 15.000 characters each); beyond it the answer is 413.</summary>
    [Range(16_384, 16_777_216)]
    public int MaxInputsBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest input workbook accepted by <c>POST /api/inputs/.../workbook</c> (raw or multipart body).</summary>
    [Range(16_384, 67_108_864)]
    public int MaxWorkbookBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Requests per key per minute; beyond it the answer is 429.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>How often the queue is looked at when nothing woke the processor.</summary>
    [Range(50, 600_000)]
    public int PollIntervalMilliseconds { get; set; } = 2000;

    /// <summary>How long a claimed request stays claimed without progress before another worker takes it over.</summary>
    [Range(5, 86_400)]
    public int LeaseSeconds { get; set; } = 600;

    /// <summary>Requests this process works at once (one claim loop each). The default matches the shared Chromium
    /// printer's pages at once (2): more loops overlap one report's extract, signature and archive with another's
    /// print, but the prints themselves queue for the printer.</summary>
    [Range(1, 32)]
    public int QueueConcurrency { get; set; } = 2;

    /// <summary>Claims of one request before it is failed for good (a worker that keeps dying on it).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Pause between the stand-in producer's steps (0 in production; lets a demo show progress).</summary>
    [Range(0, 60_000)]
    public int StandInStepDelayMilliseconds { get; set; }

    /// <summary>Whether the background processor runs in this process.</summary>
    public bool ProcessQueue { get; set; } = true;
}
