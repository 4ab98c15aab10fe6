using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class PortSyntaxTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(65535, true)]
    [InlineData(65536, false)]
    [InlineData(-1, false)]
    public void Port_numbers(long port, bool valid) =>
        Assert.Equal(valid, PortSyntax.IsValidPortNumber(port).Count == 0);

    [Theory]
    [InlineData("http", null)]
    [InlineData("web-8080", null)]
    [InlineData("abcdefghijklmno", null)]
    [InlineData("abcdefghijklmnop", "must be no more than 15 characters")]
    [InlineData("HTTP", "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")]
    [InlineData("web_port", "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")]
    [InlineData("8080", "must contain at least one letter (a-z)")]
    [InlineData("a--b", "must not contain consecutive hyphens")]
    [InlineData("-web", "must not begin or end with a hyphen")]
    [InlineData("web-", "must not begin or end with a hyphen")]
    public void Port_names_are_iana_service_names(string name, string? expected)
    {
        var errors = PortSyntax.IsValidPortName(name);
        if (expected is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(expected, errors);
        }
    }

    [Theory]
    [InlineData("PATH", true)]
    [InlineData("my.env-name", true)]
    [InlineData("_private", true)]
    [InlineData("-dash", true)]
    [InlineData("1ABC", false)]
    [InlineData("A=B", false)]
    [InlineData("A B", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("..x", false)]
    public void Environment_variable_names(string name, bool valid) =>
        Assert.Equal(valid, EnvVarSyntax.IsEnvVarName(name).Count == 0);
}
