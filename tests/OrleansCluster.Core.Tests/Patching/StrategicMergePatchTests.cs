using System.Text.Json.Nodes;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Patching;
using static OrleansCluster.Core.Tests.Patching.Json;

namespace OrleansCluster.Core.Tests.Patching;

public sealed class StrategicMergePatchTests
{
    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        // kind, case, original, patch, expected
        { "Pod", "null deletes a field", "{'metadata':{'labels':{'a':'1','b':'2'}}}", "{'metadata':{'labels':{'a':null,'c':'3'}}}", "{'metadata':{'labels':{'b':'2','c':'3'}}}" },
        { "Pod", "null of a missing field is a no-op", "{'spec':{}}", "{'spec':{'nodeName':null}}", "{'spec':{}}" },
        { "Pod", "containers merge by name, new ones appended",
            "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'z'},{'name':'a','image':'x2'}]}}",
            "{'spec':{'containers':[{'name':'a','image':'x2'},{'name':'b','image':'y'},{'name':'c','image':'z'}]}}" },
        { "Pod", "args are replaced whole",
            "{'spec':{'containers':[{'name':'a','args':['x','y']}]}}", "{'spec':{'containers':[{'name':'a','args':['z']}]}}",
            "{'spec':{'containers':[{'name':'a','args':['z']}]}}" },
        { "Pod", "tolerations have no strategy: replaced",
            "{'spec':{'tolerations':[{'key':'a'},{'key':'b'}]}}", "{'spec':{'tolerations':[{'key':'c'}]}}",
            "{'spec':{'tolerations':[{'key':'c'}]}}" },
        { "Pod", "volumeMounts merge by mountPath",
            "{'spec':{'initContainers':[{'name':'i','volumeMounts':[{'name':'v','mountPath':'/a'}]}]}}",
            "{'spec':{'initContainers':[{'name':'i','volumeMounts':[{'name':'w','mountPath':'/a','readOnly':true},{'name':'v','mountPath':'/b'}]}]}}",
            "{'spec':{'initContainers':[{'name':'i','volumeMounts':[{'name':'w','mountPath':'/a','readOnly':true},{'name':'v','mountPath':'/b'}]}]}}" },
        { "Pod", "volumes merge by name, $retainKeys swaps the source",
            "{'spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','hostPath':{'path':'/x'}}]}}",
            "{'spec':{'volumes':[{'name':'v','$retainKeys':['name','configMap'],'configMap':{'name':'cm'}}]}}",
            "{'spec':{'volumes':[{'name':'v','configMap':{'name':'cm'}},{'name':'w','hostPath':{'path':'/x'}}]}}" },
        { "Pod", "pod conditions merge by type",
            "{'status':{'conditions':[{'type':'Ready','status':'False'},{'type':'PodScheduled','status':'True'}]}}",
            "{'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
            "{'status':{'conditions':[{'type':'Ready','status':'True'},{'type':'PodScheduled','status':'True'}]}}" },
        { "Pod", "ownerReferences merge by uid",
            "{'metadata':{'ownerReferences':[{'uid':'1','name':'rs'}]}}", "{'metadata':{'ownerReferences':[{'uid':'2','name':'x'}]}}",
            "{'metadata':{'ownerReferences':[{'uid':'1','name':'rs'},{'uid':'2','name':'x'}]}}" },
        { "Pod", "finalizers merge as a set",
            "{'metadata':{'finalizers':['a','b']}}", "{'metadata':{'finalizers':['b','c']}}", "{'metadata':{'finalizers':['a','b','c']}}" },
        { "Pod", "$deleteFromPrimitiveList removes finalizers",
            "{'metadata':{'finalizers':['a','b','c']}}", "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b','zz']}}",
            "{'metadata':{'finalizers':['a','c']}}" },
        { "Pod", "$deleteFromPrimitiveList with $setElementOrder",
            "{'metadata':{'finalizers':['a','b','c']}}",
            "{'metadata':{'$setElementOrder/finalizers':['c','a'],'$deleteFromPrimitiveList/finalizers':['b']}}",
            "{'metadata':{'finalizers':['c','a']}}" },
        { "Pod", "$patch replace on a map",
            "{'spec':{'nodeSelector':{'a':'1','b':'2'}}}", "{'spec':{'nodeSelector':{'$patch':'replace','c':'3'}}}",
            "{'spec':{'nodeSelector':{'c':'3'}}}" },
        { "Pod", "$patch delete on a map", "{'spec':{'affinity':{'nodeAffinity':{}},'x':1}}", "{'spec':{'affinity':{'$patch':'delete'}}}", "{'spec':{'x':1}}" },
        { "Pod", "$patch merge is the default", "{'metadata':{'labels':{'a':'1'}}}", "{'metadata':{'labels':{'$patch':'merge','b':'2'}}}", "{'metadata':{'labels':{'a':'1','b':'2'}}}" },
        { "Pod", "$patch delete on a list element",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'2'}]}]}}",
            "{'spec':{'containers':[{'name':'a','env':[{'$patch':'delete','name':'X'}]}]}}",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'Y','value':'2'}]}]}}" },
        { "Pod", "deleting a missing element is a no-op",
            "{'spec':{'containers':[{'name':'a'}]}}", "{'spec':{'containers':[{'$patch':'delete','name':'zz'}]}}", "{'spec':{'containers':[{'name':'a'}]}}" },
        { "Pod", "$patch replace as a list element replaces the list",
            "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}", "{'spec':{'containers':[{'$patch':'replace'},{'name':'c'}]}}",
            "{'spec':{'containers':[{'name':'c'}]}}" },
        { "Pod", "$patch replace on one element replaces only it",
            "{'spec':{'containers':[{'name':'a','image':'x','args':['1']},{'name':'b'}]}}",
            "{'spec':{'containers':[{'name':'a','$patch':'replace','image':'y'}]}}",
            "{'spec':{'containers':[{'name':'a','image':'y'},{'name':'b'}]}}" },
        { "Pod", "$setElementOrder reorders, server-only elements keep their place",
            "{'spec':{'containers':[{'name':'x'},{'name':'a'},{'name':'b'}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'},{'name':'c'}],'containers':[{'name':'c'}]}}",
            "{'spec':{'containers':[{'name':'x'},{'name':'b'},{'name':'a'},{'name':'c'}]}}" },
        { "Pod", "$setElementOrder alone reorders",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'A'},{'name':'B'}]}]}}",
            "{'spec':{'containers':[{'name':'a','$setElementOrder/env':[{'name':'B'},{'name':'A'}]}]}}",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'B'},{'name':'A'}]}]}}" },
        { "Pod", "a list new on the server is read through the directives",
            "{'spec':{}}", "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':null}]},{'$patch':'delete','name':'b'}]}}",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'X'}]}]}}" },
        { "Pod", "container ports merge by containerPort",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'}]}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP'},{'containerPort':81}]}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http','protocol':'TCP'},{'containerPort':81}]}]}}" },
        { "Service", "service ports merge by port",
            "{'spec':{'ports':[{'port':80,'targetPort':8080},{'port':443}]}}", "{'spec':{'ports':[{'port':80,'targetPort':9090}]}}",
            "{'spec':{'ports':[{'port':80,'targetPort':9090},{'port':443}]}}" },
        { "Node", "node addresses merge by type, taints are replaced",
            "{'spec':{'taints':[{'key':'a','effect':'NoSchedule'}]},'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.1'},{'type':'Hostname','address':'n1'}]}}",
            "{'spec':{'taints':[{'key':'b','effect':'NoExecute'}]},'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.2'}]}}",
            "{'spec':{'taints':[{'key':'b','effect':'NoExecute'}]},'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.2'},{'type':'Hostname','address':'n1'}]}}" },
        { "ReplicaSet", "pod template lists under spec.template.spec",
            "{'spec':{'template':{'spec':{'imagePullSecrets':[{'name':'a'}],'hostAliases':[{'ip':'1.1.1.1','hostnames':['x']}]}}}}",
            "{'spec':{'template':{'spec':{'imagePullSecrets':[{'name':'b'}],'hostAliases':[{'ip':'1.1.1.1','hostnames':['y']}]}}}}",
            "{'spec':{'template':{'spec':{'imagePullSecrets':[{'name':'a'},{'name':'b'}],'hostAliases':[{'ip':'1.1.1.1','hostnames':['y']}]}}}}" },
        { "Deployment", "a Pod path in a Deployment is just a field",
            "{'spec':{'containers':[{'name':'a'}]}}", "{'spec':{'containers':[{'name':'b'}]}}", "{'spec':{'containers':[{'name':'b'}]}}" },
        { "CronJob", "CronJob pod template lives under the job template",
            "{'spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'a'}]}}}}}}",
            "{'spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'b'}]}}}}}}",
            "{'spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}}}}}" },
        { "Widget", "an unknown kind still merges metadata lists and conditions",
            "{'metadata':{'finalizers':['a']},'spec':{'items':[1,2]},'status':{'conditions':[{'type':'A'}]}}",
            "{'metadata':{'finalizers':['b']},'spec':{'items':[3]},'status':{'conditions':[{'type':'B'}]}}",
            "{'metadata':{'finalizers':['a','b']},'spec':{'items':[3]},'status':{'conditions':[{'type':'A'},{'type':'B'}]}}" },
        { "Pod", "top-level $patch delete empties the object", "{'a':1}", "{'$patch':'delete'}", "{}" },
        { "Pod", "a value replaces a map and a map replaces a value", "{'a':{'b':1},'c':2}", "{'a':3,'c':{'d':null,'e':4}}", "{'a':3,'c':{'e':4}}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Applies(string kind, string @case, string original, string patch, string expected)
    {
        Assert.NotEmpty(@case);
        Equal(Q(expected), StrategicMergePatch.Apply(kind, Q(original), Q(patch)));
    }

    // Objects-rooted examples of RFC 7386's appendix: without merged lists, a strategic merge patch is a merge patch.
    [Theory]
    [InlineData("{'a':'b'}", "{'a':'c'}")]
    [InlineData("{'a':'b'}", "{'b':'c'}")]
    [InlineData("{'a':'b'}", "{'a':null}")]
    [InlineData("{'a':'b','b':'c'}", "{'a':null}")]
    [InlineData("{'a':['b']}", "{'a':'c'}")]
    [InlineData("{'a':'c'}", "{'a':['b']}")]
    [InlineData("{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}")]
    [InlineData("{'a':[{'b':'c'}]}", "{'a':[1]}")]
    [InlineData("{'e':null}", "{'a':1}")]
    [InlineData("{}", "{'a':{'bb':{'ccc':null}}}")]
    public void Agrees_with_json_merge_patch_where_no_list_merges(string original, string patch) =>
        Equal(MergePatch.Apply(Q(original), Q(patch)), StrategicMergePatch.Apply("Pod", Q(original), Q(patch)));

    [Theory]
    [InlineData("{not json", "{}")]
    [InlineData("{}", "{not json")]
    [InlineData("{}", "[1]")]
    [InlineData("[]", "{}")]
    [InlineData("{}", "{'a':1,'a':2}")]
    [InlineData("{}", "{'$patch':'explode'}")]
    [InlineData("{}", "{'$patch':7}")]
    [InlineData("{}", "{'$unknown':1}")]
    [InlineData("{}", "{'metadata':{'$retainKeys':'name'}}")]
    [InlineData("{}", "{'metadata':{'$retainKeys':[1]}}")]
    [InlineData("{}", "{'metadata':{'$deleteFromPrimitiveList/finalizers':'a'}}")]
    [InlineData("{}", "{'spec':{'$setElementOrder/containers':{}}}")]
    [InlineData("{}", "{'spec':{'$setElementOrder/containers':[{'image':'x'}],'containers':[{'name':'a'}]}}")]
    [InlineData("{'spec':{'containers':[{'name':'a'}]}}", "{'spec':{'containers':[{'image':'x'}]}}")]
    [InlineData("{}", "{'spec':{'containers':['a']}}")]
    [InlineData("{}", "{'spec':{'containers':[{'$patch':'delete'}]}}")]
    [InlineData("{}", "{'metadata':{'finalizers':[{'a':1}]}}")]
    public void Rejects_malformed_input(string original, string patch) =>
        Assert.Throws<FormatException>(() => StrategicMergePatch.Apply("Pod", Q(original), Q(patch)));

    [Fact]
    public void Error_messages_name_the_place()
    {
        var error = Assert.Throws<FormatException>(() =>
            StrategicMergePatch.Apply("Pod", "{}", Q("{'spec':{'containers':[{'image':'x'}]}}")));
        Assert.Contains("spec.containers", error.Message);
        Assert.Contains("\"name\"", error.Message);
    }

    [Fact]
    public void Long_lists_merge_and_reorder_in_near_linear_time()
    {
        const int n = 20_000;
        var original = new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray([.. Enumerable.Range(0, n).Select(i => (JsonNode)$"f{i}")]) },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray([.. Enumerable.Range(0, n).Select(i => (JsonNode)new JsonObject { ["name"] = $"c{i}" })]) } };
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["$deleteFromPrimitiveList/finalizers"] = new JsonArray([.. Enumerable.Range(0, n / 2).Select(i => (JsonNode)$"f{i}")]) },
            ["spec"] = new JsonObject
            {
                ["$setElementOrder/containers"] = new JsonArray([.. Enumerable.Range(0, n).Reverse().Select(i => (JsonNode)new JsonObject { ["name"] = $"c{i}" })]),
                ["containers"] = new JsonArray([.. Enumerable.Range(0, n).Select(i => (JsonNode)new JsonObject { ["name"] = $"c{i}", ["image"] = "x" })]),
            },
        };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = JsonNode.Parse(StrategicMergePatch.Apply("Pod", original.ToJsonString(), patch.ToJsonString()))!;
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal(n / 2, result["metadata"]!["finalizers"]!.AsArray().Count);
        Assert.Equal($"c{n - 1}", (string?)result["spec"]!["containers"]![0]!["name"]);
    }

    [Fact]
    public void The_original_text_is_never_modified_and_results_are_fresh_documents()
    {
        var original = Q("{'metadata':{'labels':{'a':'1'}}}");
        var result = StrategicMergePatch.Apply("Pod", original, Q("{'metadata':{'labels':{'a':null}}}"));
        Assert.Equal(Q("{'metadata':{'labels':{'a':'1'}}}"), original);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Q("{'metadata':{'labels':{}}}")), JsonNode.Parse(result)));
    }
}
