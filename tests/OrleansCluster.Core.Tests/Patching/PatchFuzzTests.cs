using OrleansCluster.Core.Patching;

namespace OrleansCluster.Core.Tests.Patching;

/// <summary>Mutated bodies either apply or fail with <see cref="FormatException"/> (a 400), never anything else (a 500).</summary>
public sealed class PatchFuzzTests
{
    private const string Live = """
        {"metadata":{"name":"web","labels":{"a":"1"},"finalizers":["f"]},
         "spec":{"strategy":{"type":"RollingUpdate"},"template":{"spec":{"containers":[{"name":"a","env":[{"name":"X"}],"ports":[{"containerPort":80}]}]}}}}
        """;

    private static readonly string[] SmpSeeds =
    [
        """{"metadata":{"labels":{"a":null},"$deleteFromPrimitiveList/finalizers":["f"]},"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""",
        """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"name":"a","env":[{"$patch":"delete","name":"X"}]},{"$patch":"replace"}]}}}}""",
    ];

    private static readonly string[] JsonPatchSeeds =
    [
        """[{"op":"add","path":"/spec/template/spec/containers/0/env/-","value":{"name":"Y"}},{"op":"move","from":"/metadata/labels","path":"/spec/l"}]""",
        """[{"op":"test","path":"/metadata/finalizers/0","value":"f"},{"op":"copy","from":"/spec","path":"/spec2"},{"op":"remove","path":"/spec/strategy"}]""",
    ];

    private const string Alphabet = "{}[]\":,$/~01-null truea\n\t 'x&*:-";

    [Fact]
    public void Mutations_only_ever_fail_as_format_errors()
    {
        var random = new Random(20250101);
        for (var i = 0; i < 3000; i++)
        {
            var smp = Mutate(SmpSeeds[i % SmpSeeds.Length], random);
            var jsonPatch = Mutate(JsonPatchSeeds[i % JsonPatchSeeds.Length], random);
            var yaml = Mutate(i % 2 == 0 ? SmpSeeds[0] : "metadata:\n  name: web\n  labels: {a: '2'}\nspec:\n  replicas: 3\n", random);
            Attempt(() => StrategicMergePatch.Apply("Deployment", Live, smp));
            Attempt(() => JsonPatch.Apply(Live, jsonPatch));
            Attempt(() => ServerSideApply.Apply("Deployment", i % 3 == 0 ? null : Live, yaml));
        }
    }

    private static void Attempt(Func<string> apply)
    {
        try
        {
            Assert.NotNull(apply());
        }
        catch (FormatException)
        {
        }
    }

    private static string Mutate(string seed, Random random)
    {
        var chars = seed.ToCharArray().ToList();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                default: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
            }
        }

        return new string([.. chars]);
    }
}
