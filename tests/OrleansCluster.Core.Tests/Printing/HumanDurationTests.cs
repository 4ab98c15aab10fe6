using OrleansCluster.Core.Printing;

namespace OrleansCluster.Core.Tests.Printing;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-3, "<invalid>")]
    [InlineData(-2, "<invalid>")]
    [InlineData(-1.5, "0s")]
    [InlineData(-0.5, "0s")]
    [InlineData(0, "0s")]
    [InlineData(0.9, "0s")]
    [InlineData(5, "5s")]
    [InlineData(59, "59s")]
    [InlineData(60, "60s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(125, "2m5s")]
    [InlineData(9 * 60 + 59, "9m59s")]
    [InlineData(10 * 60, "10m")]
    [InlineData(10 * 60 + 30, "10m")]
    [InlineData(179 * 60 + 59, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 59, "3h")]
    [InlineData(5 * 3600 + 12 * 60, "5h12m")]
    [InlineData(7 * 3600 + 59 * 60 + 59, "7h59m")]
    [InlineData(8 * 3600 + 30 * 60, "8h")]
    [InlineData(47 * 3600 + 59 * 60, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(7 * 86400 + 23 * 3600, "7d23h")]
    [InlineData(8 * 86400 + 5 * 3600, "8d")]
    [InlineData(370 * 86400, "370d")]
    [InlineData(729 * 86400, "729d")]
    [InlineData(730 * 86400, "2y")]
    [InlineData(745 * 86400, "2y15d")]
    [InlineData(8 * 365 * 86400 - 86400, "7y364d")]
    [InlineData(8 * 365 * 86400, "8y")]
    [InlineData(20 * 365 * 86400 + 100 * 86400, "20y")]
    public void Formats_like_kubernetes(double seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Since_is_unknown_for_an_unset_or_zero_timestamp()
    {
        var now = new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal("<unknown>", HumanDuration.Since(null, now));
        Assert.Equal("<unknown>", HumanDuration.Since(default(DateTime), now));
    }

    [Fact]
    public void Since_treats_unspecified_kinds_as_utc_and_converts_local_times()
    {
        var now = new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal("5m", HumanDuration.Since(new DateTime(2025, 1, 1, 11, 55, 0, DateTimeKind.Unspecified), now));
        Assert.Equal("90s", HumanDuration.Since(now.AddSeconds(-90).ToLocalTime(), now));
    }
}
