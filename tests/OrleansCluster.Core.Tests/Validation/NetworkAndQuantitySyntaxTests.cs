using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class NetworkAndQuantitySyntaxTests
{
    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("2001:db8::ffff", true)]
    [InlineData("10.1", false)]
    [InlineData("10", false)]
    [InlineData("300.0.0.1", false)]
    [InlineData("fe80::1%eth0", false)]
    [InlineData("", false)]
    public void Ip_addresses(string value, bool valid) => Assert.Equal(valid, NetworkSyntax.IsIp(value));

    [Theory]
    [InlineData("10.244.0.0/24", true)]
    [InlineData("2001:db8::/64", true)]
    [InlineData("10.244.0.0/33", false)]
    [InlineData("10.244.0.0", false)]
    [InlineData("10.244.0.0/", false)]
    [InlineData("x/24", false)]
    public void Cidrs(string value, bool valid) => Assert.Equal(valid, NetworkSyntax.IsCidr(value));

    [Theory]
    [InlineData("100m", 0.1)]
    [InlineData("1", 1)]
    [InlineData("1.5", 1.5)]
    [InlineData("128Mi", 134217728)]
    [InlineData("1k", 1000)]
    [InlineData("1e3", 1000)]
    [InlineData("-1", -1)]
    public void Quantities_that_parse(string text, double expected)
    {
        Assert.True(QuantitySyntax.TryParse(text, out var quantity));
        Assert.Equal((decimal)expected, quantity!.ToDecimal());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1x")]
    [InlineData("1Kb")]
    [InlineData("1.2.3")]
    [InlineData(".")]
    [InlineData("1e")]
    [InlineData(null)]
    public void Quantities_that_do_not_parse(string? text)
    {
        Assert.False(QuantitySyntax.TryParse(text, out var quantity));
        Assert.Null(quantity);
    }
}
