using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Reporting.Tests.Extract;

/// <summary>A dossier as the tests generate it (the raw rows the naive computation reads).</summary>
public sealed record TestDossier(
    string Code, int ProcedureId, int DecidingAgencyId, short Channel, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt,
    DateTimeOffset? FinishedAt, DateTimeOffset? EndedAt, string State, bool HasFee, bool PaidOnline, bool Digitised)
{
    public DateTimeOffset? ClosedAt => FinishedAt ?? EndedAt;
}

public sealed record TestProcedure(int Id, string Code, int FieldId, string Level, string OnlineService);

public sealed record TestEvent(string DossierCode, string Kind, DateTimeOffset OccurredAt);

public sealed record TestFeedback(int AgencyId, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, DateTimeOffset? HandledAt);

public sealed record TestPlanTask(int AgencyId, DateOnly DueOn, DateOnly? CompletedOn);

/// <summary>
/// A small synthetic province with the 2025 reform in it, generated deterministically from a seed and loaded into a
/// test database: a province, two departments, a district (until 2025-06-30) with three communes, two of which merge
/// into a new commune on 2025-07-01; three fields; five procedures; dossiers from late 2024 to the run's clock with
/// edge-of-day instants, every end state, and rows breaking each data-quality rule; events, feedback, plan tasks.
/// </summary>
public sealed class SyntheticProvince
{
    public static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    /// <summary>The run's clock for every test that uses this province.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, Vn);

    public Dictionary<string, int> Agency { get; } = new();

    public Dictionary<string, int> Field { get; } = new();

    public List<TestProcedure> Procedures { get; } = [];

    public List<TestDossier> Dossiers { get; } = [];

    public List<TestEvent> Events { get; } = [];

    public List<TestFeedback> Feedback { get; } = [];

    public List<TestPlanTask> PlanTasks { get; } = [];

    public static async Task<SyntheticProvince> CreateAsync(NpgsqlDataSource db, int seed, int dossiers)
    {
        var p = new SyntheticProvince();
        await p.LoadStructureAsync(db);
        p.Generate(seed, dossiers);
        await p.LoadRowsAsync(db);
        return p;
    }

    private async Task LoadStructureAsync(NpgsqlDataSource db)
    {
        await using var c = await db.OpenConnectionAsync();
        async Task<int> AddAgency(string code, string name, string level, string kind, string symbol, string from, string? to) =>
            Agency[code] = await c.ExecuteScalarAsync<int>(
                "insert into agency (code, name, level, kind, symbol, province_name, valid_from, valid_to) values (@code, @name, @level, @kind, @symbol, 'An Giang', @from::date, @to::date) returning id",
                new { code, name, level, kind, symbol, from, to });
        async Task Parent(string child, string parent, string from, string? to) => await c.ExecuteAsync(
            "insert into agency_parent (agency_id, parent_id, valid_from, valid_to) values (@a, @p, @from::date, @to::date)",
            new { a = Agency[child], p = Agency[parent], from, to });

        await AddAgency("AG", "Ủy ban nhân dân tỉnh An Giang", "province", "province", "UBND", "2000-01-01", null);
        await AddAgency("AG-SNV", "Sở Nội vụ", "province", "department", "SNV", "2000-01-01", null);
        await AddAgency("AG-STP", "Sở Tư pháp", "province", "department", "STP", "2000-01-01", null);
        await AddAgency("AG-SNV-TT", "Trung tâm Dịch vụ việc làm", "province", "department", "TTDVVL", "2000-01-01", null);
        await AddAgency("H1", "Ủy ban nhân dân huyện Châu Thành", "district", "district", "UBND", "2000-01-01", "2025-07-01");
        await AddAgency("C1", "Ủy ban nhân dân xã Vĩnh Hòa Hiệp", "commune", "commune", "UBND", "2000-01-01", "2025-07-01");
        await AddAgency("C2", "Ủy ban nhân dân xã Vĩnh Hòa Phú", "commune", "commune", "UBND", "2000-01-01", "2025-07-01");
        await AddAgency("C3", "Ủy ban nhân dân xã Minh Hòa", "commune", "commune", "UBND", "2000-01-01", null);
        await AddAgency("N1", "Ủy ban nhân dân xã Vĩnh Hòa", "commune", "commune", "UBND", "2025-07-01", null);
        await Parent("AG-SNV", "AG", "2000-01-01", null);
        await Parent("AG-STP", "AG", "2000-01-01", null);
        await Parent("AG-SNV-TT", "AG-SNV", "2000-01-01", null);
        await Parent("H1", "AG", "2000-01-01", "2025-07-01");
        await Parent("C1", "H1", "2000-01-01", "2025-07-01");
        await Parent("C2", "H1", "2000-01-01", "2025-07-01");
        await Parent("C3", "H1", "2000-01-01", "2025-07-01");
        await Parent("C3", "AG", "2025-07-01", null);
        await Parent("N1", "AG", "2025-07-01", null);
        await c.ExecuteAsync("insert into agency_lineage (predecessor_id, successor_id, effective_on, change_kind) values (@a, @n, '2025-07-01', 'merge'), (@b, @n, '2025-07-01', 'merge')",
            new { a = Agency["C1"], b = Agency["C2"], n = Agency["N1"] });

        foreach (var (code, name) in new[] { ("HT", "Hộ tịch"), ("DD", "Đất đai"), ("LD", "Lao động, tiền lương") })
        {
            Field[code] = await c.ExecuteScalarAsync<int>("insert into field (code, name) values (@code, @name) returning id", new { code, name });
        }

        foreach (var (code, field, level, online, from, to) in new[]
        {
            ("1.000001", "LD", "province", "full", "2000-01-01", (string?)null),
            ("1.000002", "DD", "province", "partial", "2000-01-01", null),
            ("1.000003", "DD", "district", "none", "2000-01-01", "2025-07-01"),
            ("1.000004", "HT", "commune", "full", "2000-01-01", null),
            ("1.000005", "DD", "commune", "partial", "2025-07-01", null),
        })
        {
            var id = await c.ExecuteScalarAsync<int>(
                "insert into procedure (code, name, field_id, level, online_service, time_limit, time_unit, has_fee, valid_from, valid_to) values (@code, @code, @f, @level, @online, 5, 'working_day', true, @from::date, @to::date) returning id",
                new { code, f = Field[field], level, online, from, to });
            Procedures.Add(new TestProcedure(id, code, Field[field], level, online));
        }
    }

    private void Generate(int seed, int count)
    {
        var rng = new Random(seed);
        var start = new DateTimeOffset(2024, 11, 1, 0, 0, 0, Vn);
        var span = (Now.AddDays(5) - start).TotalSeconds; // a few receipts after the clock: future timestamps
        DateTimeOffset Instant(DateTimeOffset from, double maxDays)
        {
            var t = from.AddSeconds(rng.NextDouble() * maxDays * 86400);
            return rng.Next(10) switch
            {
                0 => new DateTimeOffset(t.ToOffset(Vn).Date, Vn), // local midnight
                1 => new DateTimeOffset(t.ToOffset(Vn).Date, Vn).AddDays(1).AddSeconds(-1), // 23:59:59 local
                _ => new DateTimeOffset(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero),
            };
        }

        for (var i = 0; i < count; i++)
        {
            var received = Instant(start, span / 86400);
            if (received < start)
            {
                received = start;
            }

            var reformed = received >= new DateTimeOffset(2025, 7, 1, 0, 0, 0, Vn);
            string[] deciders = reformed ? ["AG-SNV", "AG-STP", "AG-SNV-TT", "C3", "N1"] : ["AG-SNV", "AG-STP", "AG-SNV-TT", "H1", "C1", "C2", "C3"];
            var decider = deciders[rng.Next(deciders.Length)];
            var level = decider switch { "H1" => "district", "C1" or "C2" or "C3" or "N1" => "commune", _ => "province" };
            var candidates = Procedures.Where(p => p.Level == level).ToList();
            var procedure = candidates[rng.Next(candidates.Count)];
            var due = Instant(received, 20);
            var roll = rng.Next(100);
            DateTimeOffset? finished = null, ended = null;
            string state;
            if (roll < 15)
            {
                state = "in_progress";
            }
            else if (roll < 78)
            {
                state = "resolved";
                finished = rng.Next(4) == 0 ? new DateTimeOffset(due.ToOffset(Vn).Date, Vn).AddHours(rng.Next(24)) : Instant(received, 30);
                if (finished < received)
                {
                    finished = received;
                }
            }
            else
            {
                state = (roll % 3) switch { 0 => "withdrawn", 1 => "stopped", _ => "refused" };
                ended = Instant(received, 25);
            }

            // Rows that break one data-quality rule each (about 1% per rule).
            DateTimeOffset? dueAt = due;
            switch (rng.Next(100))
            {
                case 0: finished = state == "resolved" ? received.AddHours(-3) : finished; ended = state is "withdrawn" or "stopped" or "refused" ? received.AddDays(-1) : ended; break;
                case 1: if (state == "in_progress") { ended = received.AddDays(2); } else if (state == "resolved") { ended = finished; } break;
                case 2: dueAt = null; break;
                case 3: dueAt = received.AddDays(-2); break;
            }

            var channel = (short)(rng.Next(3) + 1);
            var hasFee = rng.Next(3) > 0;
            Dossiers.Add(new TestDossier($"D{seed}-{i:000000}", procedure.Id, Agency[decider], channel, received, dueAt, finished, ended, state,
                hasFee, hasFee && rng.Next(2) == 0, rng.Next(3) == 0));

            if (rng.Next(6) == 0)
            {
                Events.Add(new TestEvent(Dossiers[^1].Code, "supplement_requested", Instant(received, 5)));
                if (rng.Next(2) == 0)
                {
                    Events.Add(new TestEvent(Dossiers[^1].Code, "supplement_completed", Instant(received.AddDays(5), 3)));
                }
            }

            if (rng.Next(10) == 0)
            {
                Events.Add(new TestEvent(Dossiers[^1].Code, "apology_issued", Instant(received, 15)));
            }
        }

        string[] units = ["AG-SNV", "AG-STP", "AG-SNV-TT", "C3", "N1", "C1"];
        for (var i = 0; i < count / 10; i++)
        {
            var received = Instant(start, (Now - start).TotalDays);
            var handled = rng.Next(5) == 0 ? (DateTimeOffset?)null : Instant(received, 25);
            Feedback.Add(new TestFeedback(Agency[units[rng.Next(units.Length)]], received, Instant(received, 15), handled > Now ? null : handled));
        }

        for (var i = 0; i < 80; i++)
        {
            var dueOn = DateOnly.FromDateTime(new DateTime(2025, 1, 1).AddDays(rng.Next(700)));
            var completed = rng.Next(3) == 0 ? (DateOnly?)null : dueOn.AddDays(rng.Next(-40, 30));
            PlanTasks.Add(new TestPlanTask(Agency[units[rng.Next(units.Length)]], dueOn, completed));
        }
    }

    private async Task LoadRowsAsync(NpgsqlDataSource db)
    {
        await using var c = await db.OpenConnectionAsync();
        await InsertDossiersAsync(c, Dossiers);
        var ids = (await c.QueryAsync<(long Id, string Code)>("select id, code from dossier")).ToDictionary(x => x.Code, x => x.Id);
        await using (var w = await c.BeginBinaryImportAsync("copy dossier_event (dossier_id, kind, occurred_at, new_due_at) from stdin (format binary)"))
        {
            foreach (var e in Events)
            {
                await w.StartRowAsync();
                await w.WriteAsync(ids[e.DossierCode], NpgsqlDbType.Bigint);
                await w.WriteAsync(e.Kind, NpgsqlDbType.Text);
                await w.WriteAsync(e.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await WriteNullable(w, e.Kind == "apology_issued" ? e.OccurredAt.AddDays(5) : null);
            }

            await w.CompleteAsync();
        }

        var n = 0;
        foreach (var f in Feedback)
        {
            await c.ExecuteAsync("insert into feedback (code, agency_id, topic, received_at, due_at, handled_at) values (@code, @a, 'procedure', @r, @d, @h)",
                new { code = $"PA{n++}", a = f.AgencyId, r = f.ReceivedAt.ToUniversalTime(), d = f.DueAt.ToUniversalTime(), h = f.HandledAt?.ToUniversalTime() });
        }

        n = 0;
        foreach (var t in PlanTasks)
        {
            await c.ExecuteAsync("insert into plan_task (agency_id, plan_year, code, title, due_on, completed_on) values (@a, @y, @code, 'Nhiệm vụ', @due, @done)",
                new { a = t.AgencyId, y = t.DueOn.Year, code = $"NV{n++}", due = t.DueOn, done = t.CompletedOn });
        }
    }

    public static async Task InsertDossiersAsync(NpgsqlConnection c, IEnumerable<TestDossier> dossiers)
    {
        await using var w = await c.BeginBinaryImportAsync(
            "copy dossier (code, procedure_id, receiving_agency_id, deciding_agency_id, channel, received_at, due_at, finished_at, ended_at, state, has_fee, paid_online, result_digitised) from stdin (format binary)");
        foreach (var d in dossiers)
        {
            await w.StartRowAsync();
            await w.WriteAsync(d.Code, NpgsqlDbType.Text);
            await w.WriteAsync(d.ProcedureId, NpgsqlDbType.Integer);
            await w.WriteAsync(d.DecidingAgencyId, NpgsqlDbType.Integer);
            await w.WriteAsync(d.DecidingAgencyId, NpgsqlDbType.Integer);
            await w.WriteAsync(d.Channel, NpgsqlDbType.Smallint);
            await w.WriteAsync(d.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            await WriteNullable(w, d.DueAt);
            await WriteNullable(w, d.FinishedAt);
            await WriteNullable(w, d.EndedAt);
            await w.WriteAsync(d.State, NpgsqlDbType.Text);
            await w.WriteAsync(d.HasFee, NpgsqlDbType.Boolean);
            await w.WriteAsync(d.PaidOnline, NpgsqlDbType.Boolean);
            await w.WriteAsync(d.Digitised, NpgsqlDbType.Boolean);
        }

        await w.CompleteAsync();
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter w, DateTimeOffset? value)
    {
        if (value is null)
        {
            await w.WriteNullAsync();
        }
        else
        {
            await w.WriteAsync(value.Value.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        }
    }
}
