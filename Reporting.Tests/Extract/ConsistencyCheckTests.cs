using Reporting.Worker.Diagnostics;
using Reporting.Worker.Extract;

namespace Reporting.Tests.Extract;

public sealed class ConsistencyCheckTests
{
    private static readonly TthcExtractRow Good = new()
    {
        AgencyId = 7, Level = "province", FieldId = 3,
        ReceivedOnline = 5, ReceivedDirect = 3, ReceivedPostal = 1, CarriedOver = 2,
        ResolvedEarly = 4, ResolvedOnTime = 2, ResolvedLate = 1, InProgressWithinLimit = 2, InProgressOverdue = 1, Withdrawn = 1,
        ReceivedTotal = 11, ResolvedTotal = 7, InProgressTotal = 3, EndedTotal = 1,
    };

    [Fact]
    public void Verify_Passes_WhenEveryTotalIsTheSumOfItsParts() =>
        ConsistencyChecks.Verify("AG-STP", [Good, Good with { FieldId = 4 }], _ => "Hộ tịch");

    [Theory]
    [InlineData("received", "[3] = 12 nhưng [4]+[5]+[6] = 11")]
    [InlineData("resolved", "[7] = 7 nhưng [8]+[9]+[10] = 8")]
    [InlineData("open", "[11] = 3 nhưng [12]+[13] = 2")]
    [InlineData("ended", "kết thúc không có kết quả = 1 nhưng rút + dừng + từ chối = 2")]
    public void Verify_Throws_NamingTheUnitTheFieldAndTheNumbers_WhenAPartIsCorrupted(string corruption, string expected)
    {
        var bad = corruption switch
        {
            "received" => Good with { ReceivedTotal = 12 },
            "resolved" => Good with { ResolvedEarly = 5 },
            "open" => Good with { InProgressOverdue = 0 },
            _ => Good with { Stopped = 1 },
        };
        var ex = Assert.Throws<ReportingException>(() => ConsistencyChecks.Verify("AG-STP", [Good with { FieldId = 4 }, bad], r => r.FieldId == 3 ? "Hộ tịch" : "Đất đai"));
        Assert.Equal(ErrorCodes.ExtractCheckFailed, ex.Code);
        Assert.Contains("AG-STP", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lĩnh vực Hộ tịch", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CatchesABrokenConservation_EvenWhenEachGroupAddsUp()
    {
        // A dossier lost between columns: [3] counts it, nothing else does.
        var bad = Good with { ReceivedOnline = 6, ReceivedTotal = 12 };
        var ex = Assert.Throws<ReportingException>(() => ConsistencyChecks.Verify("C3", [bad], _ => "Đất đai"));
        Assert.Contains("[3] = 12 nhưng [7]+[11]+kết thúc không có kết quả = 11", ex.Message, StringComparison.Ordinal);
    }
}
