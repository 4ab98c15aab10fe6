using OrleansCluster.Core.Patching;
using static OrleansCluster.Core.Tests.Patching.Json;

namespace OrleansCluster.Core.Tests.Patching;

public sealed class JsonPatchTests
{
    // The worked examples of RFC 6902 appendix A (values as in the RFC), plus pointer and index edge cases.
    [Theory]
    [InlineData("A.1 add an object member", "{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux'}]", "{'baz':'qux','foo':'bar'}")]
    [InlineData("A.2 add an array element", "{'foo':['bar','baz']}", "[{'op':'add','path':'/foo/1','value':'qux'}]", "{'foo':['bar','qux','baz']}")]
    [InlineData("A.3 remove an object member", "{'baz':'qux','foo':'bar'}", "[{'op':'remove','path':'/baz'}]", "{'foo':'bar'}")]
    [InlineData("A.4 remove an array element", "{'foo':['bar','qux','baz']}", "[{'op':'remove','path':'/foo/1'}]", "{'foo':['bar','baz']}")]
    [InlineData("A.5 replace a value", "{'baz':'qux','foo':'bar'}", "[{'op':'replace','path':'/baz','value':'boo'}]", "{'baz':'boo','foo':'bar'}")]
    [InlineData("A.6 move a value", "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
        "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]", "{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}")]
    [InlineData("A.7 move an array element", "{'foo':['all','grass','cows','eat']}", "[{'op':'move','from':'/foo/1','path':'/foo/3'}]",
        "{'foo':['all','cows','eat','grass']}")]
    [InlineData("A.8 test succeeds", "{'baz':'qux','foo':['a',2,'c']}",
        "[{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}]", "{'baz':'qux','foo':['a',2,'c']}")]
    [InlineData("A.10 add a nested member", "{'foo':'bar'}", "[{'op':'add','path':'/child','value':{'grandchild':{}}}]", "{'foo':'bar','child':{'grandchild':{}}}")]
    [InlineData("A.11 unrecognised members are ignored", "{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux','xyz':123}]", "{'foo':'bar','baz':'qux'}")]
    [InlineData("A.14 ~ escapes", "{'/':9,'~1':10}", "[{'op':'test','path':'/~01','value':10}]", "{'/':9,'~1':10}")]
    [InlineData("A.16 add an array value", "{'foo':['bar']}", "[{'op':'add','path':'/foo/-','value':['abc','def']}]", "{'foo':['bar',['abc','def']]}")]
    [InlineData("~1 is a slash", "{'metadata':{'labels':{}}}", "[{'op':'add','path':'/metadata/labels/app.kubernetes.io~1name','value':'web'}]",
        "{'metadata':{'labels':{'app.kubernetes.io/name':'web'}}}")]
    [InlineData("add replaces an existing member", "{'a':1}", "[{'op':'add','path':'/a','value':2}]", "{'a':2}")]
    [InlineData("add at the end index", "{'a':[1]}", "[{'op':'add','path':'/a/1','value':2}]", "{'a':[1,2]}")]
    [InlineData("add to the root replaces the document", "{'a':1}", "[{'op':'add','path':'','value':{'b':2}}]", "{'b':2}")]
    [InlineData("replace with null keeps the member", "{'a':1}", "[{'op':'replace','path':'/a','value':null}]", "{'a':null}")]
    [InlineData("copy", "{'a':{'b':[1]}}", "[{'op':'copy','from':'/a/b','path':'/c'},{'op':'add','path':'/c/-','value':2}]", "{'a':{'b':[1]},'c':[1,2]}")]
    [InlineData("move onto itself", "{'a':1}", "[{'op':'move','from':'/a','path':'/a'}]", "{'a':1}")]
    [InlineData("test a null", "{'a':null}", "[{'op':'test','path':'/a','value':null}]", "{'a':null}")]
    [InlineData("an empty patch", "{'a':1}", "[]", "{'a':1}")]
    [InlineData("operations apply in order", "{}",
        "[{'op':'add','path':'/spec','value':{}},{'op':'add','path':'/spec/replicas','value':3},{'op':'replace','path':'/spec/replicas','value':4}]",
        "{'spec':{'replicas':4}}")]
    public void Applies(string @case, string original, string patch, string expected)
    {
        Assert.NotEmpty(@case);
        Equal(Q(expected), JsonPatch.Apply(Q(original), Q(patch)));
    }

    [Theory]
    [InlineData("A.9 test fails", "{'baz':'qux'}", "[{'op':'test','path':'/baz','value':'bar'}]", "testing value /baz failed")]
    [InlineData("A.12 add to a missing parent", "{'foo':'bar'}", "[{'op':'add','path':'/baz/bat','value':'qux'}]", "doc is missing path: \"/baz/bat\": missing value")]
    [InlineData("A.15 strings are not numbers", "{'/':9,'~1':10}", "[{'op':'test','path':'/~01','value':'10'}]", "test failed")]
    [InlineData("remove a missing member", "{'spec':{}}", "[{'op':'remove','path':'/spec/foo'}]", "doc is missing path: \"/spec/foo\": missing value")]
    [InlineData("replace a missing member", "{}", "[{'op':'replace','path':'/a','value':1}]", "doc is missing path: \"/a\"")]
    [InlineData("index out of range", "{'a':[1]}", "[{'op':'add','path':'/a/5','value':2}]", "invalid index")]
    [InlineData("leading zero index", "{'a':[1,2]}", "[{'op':'remove','path':'/a/01'}]", "invalid index")]
    [InlineData("- is not an existing element", "{'a':[1]}", "[{'op':'remove','path':'/a/-'}]", "invalid index")]
    [InlineData("move into its own child", "{'a':{'b':{}}}", "[{'op':'move','from':'/a','path':'/a/b/c'}]", "its own child")]
    [InlineData("move from a missing path", "{}", "[{'op':'move','from':'/x','path':'/y'}]", "missing from path")]
    [InlineData("copy from a missing path", "{}", "[{'op':'copy','from':'/x','path':'/y'}]", "missing from path")]
    [InlineData("unknown op", "{}", "[{'op':'frob','path':'/a'}]", "Unexpected kind")]
    [InlineData("missing op", "{}", "[{'path':'/a'}]", "\"op\"")]
    [InlineData("missing path", "{}", "[{'op':'remove'}]", "\"path\"")]
    [InlineData("missing value", "{}", "[{'op':'add','path':'/a'}]", "\"value\"")]
    [InlineData("missing from", "{}", "[{'op':'copy','path':'/a'}]", "\"from\"")]
    [InlineData("bad escape", "{}", "[{'op':'add','path':'/a~2','value':1}]", "invalid JSON pointer")]
    [InlineData("pointer without slash", "{}", "[{'op':'add','path':'a','value':1}]", "invalid JSON pointer")]
    [InlineData("not a list", "{}", "{'op':'add'}", "list of operations")]
    [InlineData("an operation that is not an object", "{}", "[1]", "not an object")]
    [InlineData("A.13 duplicate members", "{}", "[{'op':'add','path':'/baz','value':'qux','op':'remove'}]", "not valid JSON")]
    [InlineData("malformed patch", "{}", "[{", "not valid JSON")]
    [InlineData("malformed document", "{", "[]", "not valid JSON")]
    [InlineData("remove the root", "{}", "[{'op':'remove','path':''}]", "whole document")]
    [InlineData("step through a value", "{'a':1}", "[{'op':'add','path':'/a/b','value':1}]", "doc is missing path")]
    public void Rejects(string @case, string original, string patch, string message)
    {
        Assert.NotEmpty(@case);
        var error = Assert.ThrowsAny<FormatException>(() => JsonPatch.Apply(Q(original), Q(patch)));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_failing_operation_applies_nothing_and_reports_the_error()
    {
        const string original = """{"a":1}""";
        Assert.ThrowsAny<FormatException>(() => JsonPatch.Apply(original, Q("[{'op':'add','path':'/b','value':2},{'op':'test','path':'/a','value':9}]")));
        Assert.Equal("""{"a":1}""", original);
    }

    [Fact]
    public void A_patch_that_does_not_apply_is_told_apart_from_one_that_does_not_decode()
    {
        Assert.Throws<PatchNotApplicableException>(() => JsonPatch.Apply("{}", Q("[{'op':'test','path':'/a','value':1}]")));
        Assert.Throws<PatchNotApplicableException>(() => JsonPatch.Apply("{}", Q("[{'op':'remove','path':'/a'}]")));
        Assert.Throws<FormatException>(() => JsonPatch.Apply("{}", "[{"));
        Assert.Throws<FormatException>(() => JsonPatch.Apply("{}", Q("{'op':'test'}")));
    }

    [Fact]
    public void Too_many_operations_are_refused()
    {
        var patch = "[" + string.Join(",", Enumerable.Repeat("""{"op":"test","path":"","value":{}}""", JsonPatch.MaxOperations + 1)) + "]";
        var error = Assert.ThrowsAny<FormatException>(() => JsonPatch.Apply("{}", patch));
        Assert.Contains("10000", error.Message);
    }

    [Fact]
    public void Copying_a_document_into_itself_cannot_grow_it_without_bound()
    {
        var patch = "[" + string.Join(",", Enumerable.Range(0, 40).Select(i => $$"""{"op":"copy","from":"","path":"/c{{i}}"}""")) + "]";
        var error = Assert.ThrowsAny<FormatException>(() => JsonPatch.Apply("""{"a":[1,2,3]}""", patch));
        Assert.Contains("copies more than", error.Message);
    }

    [Fact]
    public void Copying_a_chain_into_its_own_leaf_cannot_nest_without_bound()
    {
        var patch = "[" + string.Join(",", Enumerable.Range(0, 300).Select(_ => """{"op":"copy","from":"/a","path":"/a/a"}""")) + "]";
        var error = Assert.ThrowsAny<FormatException>(() => JsonPatch.Apply("""{"a":{"a":{"a":{"a":1}}}}""", patch));
        Assert.Contains("levels deep", error.Message);
    }

    [Fact]
    public void Kubectl_patch_type_json_on_a_deployment()
    {
        var deployment = Q("{'spec':{'replicas':1,'template':{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}}}}");
        var patch = Q("[{'op':'replace','path':'/spec/template/spec/containers/1/image','value':'z'},{'op':'remove','path':'/spec/template/spec/containers/0'}]");
        Equal(Q("{'spec':{'replicas':1,'template':{'spec':{'containers':[{'name':'b','image':'z'}]}}}}"), JsonPatch.Apply(deployment, patch));
    }
}
