using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class NameGeneratorTests
{
    [Fact]
    public void Appends_five_characters_chosen_by_the_injected_source()
    {
        var picks = new Queue<int>([0, 1, 2, 25, 26]);

        var name = NameGenerator.Generate("web-", n => picks.Dequeue());

        Assert.Equal("web-bcd89", name);
    }

    [Fact]
    public void Cuts_a_long_prefix_so_the_name_fits_a_label()
    {
        var name = NameGenerator.Generate(new string('a', 70), _ => 0);

        Assert.Equal(63, name.Length);
        Assert.Equal(new string('a', 58) + "bbbbb", name);
        Assert.Empty(NameSyntax.IsDns1123Label(name));
    }

    [Fact]
    public void Seeded_random_gives_repeatable_valid_names()
    {
        var a = NameGenerator.Generate("job-", new Random(7));
        var b = NameGenerator.Generate("job-", new Random(7));

        Assert.Equal(a, b);
        Assert.Matches("^job-[bcdfghjklmnpqrstvwxz2456789]{5}$", a);
    }
}
