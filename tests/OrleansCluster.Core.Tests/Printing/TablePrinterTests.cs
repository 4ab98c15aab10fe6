using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;
using static OrleansCluster.Core.Tests.Printing.Build;

namespace OrleansCluster.Core.Tests.Printing;

public sealed class TablePrinterTests
{
    [Fact]
    public void A_pod_list_becomes_a_meta_v1_table()
    {
        var pod = Pod("Running", "app");
        pod.Status.ContainerStatuses = [Running("app")];

        var table = TablePrinter.Print(ResourceTypes.Pod, [pod], "388", Now);

        Assert.Equal(("Table", "meta.k8s.io/v1", "388"),
            ((string?)table["kind"], (string?)table["apiVersion"], (string?)table["metadata"]!["resourceVersion"]));
        Assert.Equal(
            """{"name":"Name","type":"string","format":"name","description":"The name of the object, unique within its namespace (or cluster, for cluster-scoped kinds).","priority":0}""",
            table["columnDefinitions"]![0]!.ToJsonString());
        Assert.Equal(9, table["columnDefinitions"]!.AsArray().Count);
        Assert.Equal("""["web","1/1","Running","0","5m","<none>","<none>","<none>","<none>"]""", Row(table)["cells"]!.ToJsonString(Relaxed));
        Assert.Null(Row(table)["conditions"]);
    }

    [Fact]
    public void Rows_carry_partial_object_metadata_with_the_whole_object_meta_by_default()
    {
        var pod = Pod("Running", "app");
        pod.Metadata.Uid = "6f1e0a52-0b7c-4b59-9d3c-5a4b1e2f0c11";
        pod.Metadata.ResourceVersion = "17";
        pod.Metadata.Labels = new Dictionary<string, string> { ["run"] = "web" };
        pod.Metadata.Annotations = new Dictionary<string, string> { ["note"] = "x" };
        pod.Metadata.OwnerReferences =
            [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "web-5d8f", Uid = "u-1", Controller = true }];

        var obj = Row(TablePrinter.Print(ResourceTypes.Pod, [pod], "20", Now))["object"]!.AsObject();

        Assert.Equal(("PartialObjectMetadata", "meta.k8s.io/v1"), ((string?)obj["kind"], (string?)obj["apiVersion"]));
        var metadata = obj["metadata"]!;
        Assert.Equal(
            ("web", "default", "6f1e0a52-0b7c-4b59-9d3c-5a4b1e2f0c11", "17", "web", "x", "web-5d8f"),
            ((string?)metadata["name"], (string?)metadata["namespace"], (string?)metadata["uid"], (string?)metadata["resourceVersion"],
                (string?)metadata["labels"]!["run"], (string?)metadata["annotations"]!["note"], (string?)metadata["ownerReferences"]![0]!["name"]));
        Assert.NotNull(metadata["creationTimestamp"]);
        Assert.Null(obj["spec"]);
    }

    [Fact]
    public void Include_object_none_leaves_the_object_null()
    {
        var row = Row(TablePrinter.Print(ResourceTypes.Pod, [Pod("Pending", "app")], "1", Now, IncludeObject.None));

        Assert.True(row.ContainsKey("object"));
        Assert.Null(row["object"]);
    }

    [Fact]
    public void Include_object_object_embeds_the_whole_object_with_its_type()
    {
        var pod = Pod("Pending", "app");

        var obj = Row(TablePrinter.Print(ResourceTypes.Pod, [pod], "1", Now, IncludeObject.Object))["object"]!;

        Assert.Equal(("Pod", "v1", "app", "Pending"),
            ((string?)obj["kind"], (string?)obj["apiVersion"], (string?)obj["spec"]!["containers"]![0]!["name"], (string?)obj["status"]!["phase"]));
    }

    [Fact]
    public void Finished_pods_rows_carry_their_condition()
    {
        var table = TablePrinter.Print(ResourceTypes.Pod, [Pod("Succeeded", "app")], "1", Now);

        Assert.Equal(
            """[{"type":"Completed","status":"True","reason":"Succeeded","message":"The pod has completed successfully."}]""",
            Row(table)["conditions"]!.ToJsonString());
    }

    [Fact]
    public void Integer_cells_stay_integers()
    {
        var ev = new Corev1Event
        {
            Metadata = Meta("e1", TimeSpan.FromMinutes(1)),
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web" },
            Count = 3,
        };

        var cells = Row(TablePrinter.Print(ResourceTypes.Event, [ev], "9", Now))["cells"]!.AsArray();

        Assert.Equal("3", cells[8]!.ToJsonString());
    }

    [Fact]
    public void A_single_object_table_carries_the_object_resource_version()
    {
        var ns = new V1Namespace { Metadata = Meta("team-a", TimeSpan.FromSeconds(5), ns: null), Status = new V1NamespaceStatus { Phase = "Active" } };
        ns.Metadata.ResourceVersion = "107";

        var table = TablePrinter.PrintOne(ResourceTypes.Namespace, ns, Now);

        Assert.Equal("107", (string?)table["metadata"]!["resourceVersion"]);
        Assert.Equal("""["team-a","Active","5s"]""", Row(table)["cells"]!.ToJsonString(Relaxed));
    }

    [Fact]
    public void An_empty_list_has_columns_and_no_rows_and_metadata_without_version_when_unknown()
    {
        var table = TablePrinter.Print(ResourceTypes.Service, [], null, Now);

        Assert.Empty(table["rows"]!.AsArray());
        Assert.Equal(7, table["columnDefinitions"]!.AsArray().Count);
        Assert.Equal("{}", table["metadata"]!.ToJsonString());
    }

    [Fact]
    public void Kinds_without_a_printer_get_the_default_name_and_created_at_table()
    {
        var statefulSet = new ResourceType(
            "apps", "v1", "StatefulSet", "statefulsets", "statefulset", Namespaced: true, typeof(V1StatefulSet), ["sts"],
            new Dictionary<string, Func<IKubernetesObject<V1ObjectMeta>, string?>>());
        var obj = new V1StatefulSet { Metadata = Meta("web", TimeSpan.FromSeconds(90)) };

        var table = TablePrinter.Print(statefulSet, [obj], "5", Now);

        Assert.Equal(
            """[{"name":"Name","type":"string","format":"name","description":"The name of the object, unique within its namespace (or cluster, for cluster-scoped kinds).","priority":0},{"name":"Created At","type":"date","format":"","description":"When the object was created (metadata.creationTimestamp).","priority":0}]""",
            table["columnDefinitions"]!.ToJsonString());
        Assert.Equal("""["web","2025-06-01T11:58:30Z"]""", Row(table)["cells"]!.ToJsonString(Relaxed));
    }

    [Fact]
    public void Every_registered_kind_has_its_own_printer()
    {
        Assert.All(ResourceTypes.All, t => Assert.NotSame(DefaultPrinter.Printer, Printers.For(t)));
        Assert.Same(PodPrinter.Printer, Printers.For(ResourceTypes.Pod));
    }

    [Fact]
    public void A_printer_given_the_wrong_model_type_says_so() =>
        Assert.Throws<ArgumentException>(() => PodPrinter.Printer.Print(new V1Namespace { Metadata = new V1ObjectMeta() }, Now));

    [Theory]
    [InlineData(null, IncludeObject.Metadata)]
    [InlineData("", IncludeObject.Metadata)]
    [InlineData("Metadata", IncludeObject.Metadata)]
    [InlineData("None", IncludeObject.None)]
    [InlineData("Object", IncludeObject.Object)]
    public void Include_object_parses_the_query_values(string? value, IncludeObject expected)
    {
        Assert.True(IncludeObjectPolicy.TryParse(value, out var policy));
        Assert.Equal(expected, policy);
    }

    [Theory]
    [InlineData("metadata")]
    [InlineData("All")]
    public void Include_object_rejects_anything_else(string value) =>
        Assert.False(IncludeObjectPolicy.TryParse(value, out _));

    // Escaping of < and > is the serializer's choice (Go's escapes them too); compare the text unescaped.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Row(JsonObject table) => table["rows"]![0]!.AsObject();
}
