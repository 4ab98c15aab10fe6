using OrleansCluster.Core.Patching;
using static OrleansCluster.Core.Tests.Patching.Json;

namespace OrleansCluster.Core.Tests.Patching;

public sealed class ServerSideApplyTests
{
    private const string AppliedYaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
        spec:
          replicas: 3
          paused: false
          progressDeadlineSeconds: 600.5
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
                version: "1"
            spec:
              containers:
              - name: a
                image: nginx:1.28
                args: ["-g", 'daemon off;']
                env:
                - name: BAR
                  value: "3"
                - name: EMPTY
                  value: ~
        """;

    [Fact]
    public void Without_a_live_object_the_applied_yaml_is_the_object()
    {
        var expected = Q("""
            {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'app':'web'}},
             'spec':{'replicas':3,'paused':false,'progressDeadlineSeconds':600.5,'selector':{'matchLabels':{'app':'web'}},
              'template':{'metadata':{'labels':{'app':'web','version':'1'}},
               'spec':{'containers':[{'name':'a','image':'nginx:1.28','args':['-g','daemon off;'],'env':[{'name':'BAR','value':'3'},{'name':'EMPTY'}]}]}}}}
            """);
        Equal(expected, ServerSideApply.Apply("Deployment", null, AppliedYaml));
    }

    [Fact]
    public void A_json_body_as_kubectl_sends_it_creates_the_same_object()
    {
        var created = ServerSideApply.Apply("Deployment", null, AppliedYaml);
        Equal(created, ServerSideApply.Apply("Deployment", null, created));
    }

    [Fact]
    public void The_applied_configuration_merges_into_the_live_object()
    {
        var live = Q("""
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','uid':'u1','resourceVersion':'7','labels':{'app':'web','team':'x'},'finalizers':['f1']},
             'spec':{'replicas':1,'selector':{'matchLabels':{'app':'web'}},'revisionHistoryLimit':10,
              'template':{'metadata':{'labels':{'app':'web'}},
               'spec':{'containers':[
                 {'name':'sidecar','image':'envoy'},
                 {'name':'a','image':'nginx:1.27','imagePullPolicy':'IfNotPresent','args':['old'],
                  'env':[{'name':'FOO','value':'1'},{'name':'BAR','value':'2'}]}]}}},
             'status':{'replicas':1}}
            """);
        var applied = Q("""
            {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'app':'web'},'finalizers':['f2']},
             'spec':{'replicas':3,'template':{'spec':{'containers':[{'name':'a','image':'nginx:1.28','args':['new'],'env':[{'name':'BAR','value':'3'}]}]}}}}
            """);
        var expected = Q("""
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','uid':'u1','resourceVersion':'7','labels':{'app':'web','team':'x'},'finalizers':['f1','f2']},
             'spec':{'replicas':3,'selector':{'matchLabels':{'app':'web'}},'revisionHistoryLimit':10,
              'template':{'metadata':{'labels':{'app':'web'}},
               'spec':{'containers':[
                 {'name':'sidecar','image':'envoy'},
                 {'name':'a','image':'nginx:1.28','imagePullPolicy':'IfNotPresent','args':['new'],
                  'env':[{'name':'FOO','value':'1'},{'name':'BAR','value':'3'}]}]}}},
             'status':{'replicas':1}}
            """);
        Equal(expected, ServerSideApply.Apply("Deployment", live, applied));
    }

    [Fact]
    public void Merged_lists_take_the_applied_order()
    {
        var live = Q("{'spec':{'containers':[{'name':'a','image':'1'},{'name':'b','image':'2'}]}}");
        var applied = Q("{'spec':{'containers':[{'name':'b'},{'name':'a'}]}}");
        Equal(Q("{'spec':{'containers':[{'name':'b','image':'2'},{'name':'a','image':'1'}]}}"), ServerSideApply.Apply("Pod", live, applied));
    }

    [Fact]
    public void Applying_the_same_configuration_twice_is_stable()
    {
        var once = ServerSideApply.Apply("Deployment", null, AppliedYaml);
        Equal(once, ServerSideApply.Apply("Deployment", once, AppliedYaml));
    }

    [Fact]
    public void The_last_applied_annotation_patch_only_touches_annotations()
    {
        var live = Q("{'metadata':{'name':'web','annotations':{'a':'1'}},'spec':{'replicas':2}}");
        var applied = Q("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{}'}}}");
        Equal(Q("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','annotations':{'a':'1','kubectl.kubernetes.io/last-applied-configuration':'{}'}},'spec':{'replicas':2}}"),
            ServerSideApply.Apply("Deployment", live, applied));
    }

    [Theory]
    [InlineData("plain: yes", "{'plain':'yes'}")]
    [InlineData("n: 08", "{'n':8}")]
    [InlineData("n: -5\nf: 1e3\ns: '5'\nb: True\nz: null", "{'n':-5,'f':1000,'s':'5','b':true}")]
    [InlineData("{a: 1, b: [x, \"y\"]}", "{'a':1,'b':['x','y']}")]
    [InlineData("base: &b {x: 1}\ncopy: *b", "{'base':{'x':1},'copy':{'x':1}}")]
    public void Yaml_scalars_follow_the_core_schema(string yaml, string expected) =>
        Equal(Q(expected), ServerSideApply.Apply("ConfigMap", null, yaml));

    [Theory]
    [InlineData("a: [1, 2")]
    [InlineData("a: 1\na: 2")]
    [InlineData("- 1\n- 2")]
    [InlineData("just a string")]
    [InlineData("")]
    [InlineData("a: 1\n---\nb: 2")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"metadata\":{\"$patch\":\"replace\"}}")]
    [InlineData("{\"metadata\":{\"$retainKeys\":[\"name\"]}}")]
    [InlineData("? [a, b]\n: 1")]
    public void Rejects_malformed_configurations(string body) =>
        Assert.Throws<FormatException>(() => ServerSideApply.Apply("Pod", "{}", body));

    [Fact]
    public void Rejects_a_malformed_live_object() =>
        Assert.Throws<FormatException>(() => ServerSideApply.Apply("Pod", "{", "a: 1"));

    [Theory]
    [InlineData("a: ", "[", "")]
    [InlineData("", "- ", "x")]
    [InlineData("a: ", "{a: ", "")]
    [InlineData("a: ", "[{a: ", "")]
    public void Deep_nesting_is_refused_without_exhausting_the_stack(string prefix, string open, string tail)
    {
        var body = prefix + string.Concat(Enumerable.Repeat(open, 50_000)) + tail;
        var error = Assert.Throws<FormatException>(() => ServerSideApply.Apply("Pod", null, body));
        Assert.Contains("nested more than", error.Message);
    }

    [Fact]
    public void Tagged_strings_stay_strings() =>
        Equal(Q("{'a':'5','b':'true'}"), ServerSideApply.Apply("ConfigMap", null, "a: !!str 5\nb: !!str true"));

    [Fact]
    public void Alias_bombs_are_refused()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 0; i < 8; i++)
        {
            yaml += $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}]\n";
        }

        Assert.Throws<FormatException>(() => ServerSideApply.Apply("Pod", null, yaml));
    }
}
