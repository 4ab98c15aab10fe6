using k8s.Models;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;
using static OrleansCluster.Core.Tests.Validation.Objects;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class ServiceValidatorTests
{
    public static TheoryData<string, Action<V1ServiceSpec>, string, string> InvalidServices => new()
    {
        { "type", s => s.Type = "Internal", "spec.type", "FieldValueNotSupported" },
        { "no ports", s => s.Ports.Clear(), "spec.ports", "FieldValueRequired" },
        { "port zero", s => s.Ports[0].Port = 0, "spec.ports[0].port", "FieldValueInvalid" },
        { "port too big", s => s.Ports[0].Port = 65536, "spec.ports[0].port", "FieldValueInvalid" },
        { "protocol", s => s.Ports[0].Protocol = "ICMP", "spec.ports[0].protocol", "FieldValueNotSupported" },
        { "unnamed first of two ports", s => s.Ports.Add(Port(443, "https")), "spec.ports[0].name", "FieldValueRequired" },
        { "port name syntax", s => s.Ports[0].Name = "HTTP", "spec.ports[0].name", "FieldValueInvalid" },
        { "target port number", s => s.Ports[0].TargetPort = 70000, "spec.ports[0].targetPort", "FieldValueInvalid" },
        { "target port name", s => s.Ports[0].TargetPort = "web_port", "spec.ports[0].targetPort", "FieldValueInvalid" },
        { "node port on ClusterIP", s => s.Ports[0].NodePort = 30080, "spec.ports[0].nodePort", "FieldValueForbidden" },
        { "node port range", s => { s.Type = "NodePort"; s.Ports[0].NodePort = 8080; }, "spec.ports[0].nodePort", "FieldValueInvalid" },
        { "selector", s => s.Selector["app"] = "web app", "spec.selector", "FieldValueInvalid" },
        { "session affinity", s => s.SessionAffinity = "Cookie", "spec.sessionAffinity", "FieldValueNotSupported" },
        { "affinity config without ClientIP", s => s.SessionAffinityConfig = new(), "spec.sessionAffinityConfig", "FieldValueForbidden" },
        { "cluster IP syntax", s => s.ClusterIP = "10.0.1", "spec.clusterIP", "FieldValueInvalid" },
        { "headless NodePort", s => { s.Type = "NodePort"; s.ClusterIP = "None"; }, "spec.clusterIP", "FieldValueInvalid" },
        { "ExternalName without name", s => s.Type = "ExternalName", "spec.externalName", "FieldValueRequired" },
        { "ExternalName syntax", s => { s.Type = "ExternalName"; s.ExternalName = "Db.Example.com"; }, "spec.externalName", "FieldValueInvalid" },
        { "ExternalName with IP", s => { s.Type = "ExternalName"; s.ExternalName = "db"; s.ClusterIP = "10.0.0.1"; }, "spec.clusterIP", "FieldValueForbidden" },
    };

    public static TheoryData<string, Action<V1ServiceSpec>> ValidServices => new()
    {
        { "plain", _ => { } },
        { "named target port", s => s.Ports[0].TargetPort = "http" },
        { "headless without ports", s => { s.ClusterIP = "None"; s.Ports.Clear(); } },
        { "ExternalName without ports", s => { s.Type = "ExternalName"; s.ExternalName = "db.example.com."; s.Ports.Clear(); } },
        { "NodePort in range", s => { s.Type = "NodePort"; s.Ports[0].NodePort = 32767; } },
        { "LoadBalancer node port", s => { s.Type = "LoadBalancer"; s.Ports[0].NodePort = 30000; } },
        { "two named ports", s => { s.Ports[0].Name = "http"; s.Ports.Add(Port(443, "https")); } },
        { "same port, two protocols", s => { s.Ports[0].Name = "dns"; s.Ports.Add(Port(80, "dns-udp", "UDP")); } },
        { "ClientIP affinity", s => { s.SessionAffinity = "ClientIP"; s.SessionAffinityConfig = new() { ClientIP = new() { TimeoutSeconds = 10800 } }; } },
    };

    [Theory]
    [MemberData(nameof(InvalidServices))]
    public void Invalid_services(string because, Action<V1ServiceSpec> breakIt, string field, string reason)
    {
        var service = Service();
        breakIt(service.Spec);

        var errors = ObjectValidator.ValidateCreate(ResourceTypes.Service, service);

        Assert.True(errors.Count == 1, $"{because}: {string.Join("; ", errors)}");
        Assert.Equal((field, reason), (errors[0].Field, errors[0].Reason));
    }

    [Theory]
    [MemberData(nameof(ValidServices))]
    public void Valid_services(string because, Action<V1ServiceSpec> change)
    {
        var service = Service();
        change(service.Spec);

        var errors = ObjectValidator.ValidateCreate(ResourceTypes.Service, service);

        Assert.True(errors.Count == 0, $"{because}: {string.Join("; ", errors)}");
    }

    [Fact]
    public void Duplicate_port_names_and_numbers_are_reported()
    {
        var service = Service(Port(80, "http"), Port(80, "http"));

        var causes = Causes(ObjectValidator.ValidateCreate(ResourceTypes.Service, service));

        Assert.Equal([("spec.ports[1].name", "FieldValueDuplicate"), ("spec.ports[1]", "FieldValueDuplicate")], causes);
    }

    [Theory]
    [InlineData("10.96.0.10", "10.96.0.10", "ClusterIP", true)]
    [InlineData("10.96.0.10", "10.96.0.11", "ClusterIP", false)]
    [InlineData("", "10.96.0.11", "ClusterIP", true)]
    [InlineData("10.96.0.10", "", "ExternalName", true)]
    public void Cluster_ip_is_immutable_once_set(string oldIp, string newIp, string newType, bool valid)
    {
        var oldService = Service();
        oldService.Spec.ClusterIP = oldIp;
        var newService = Service();
        newService.Spec.ClusterIP = newIp;
        newService.Spec.Type = newType;
        if (newType == "ExternalName")
        {
            newService.Spec.ExternalName = "db.example.com";
        }

        var errors = ObjectValidator.ValidateUpdate(ResourceTypes.Service, newService, oldService);

        Assert.Equal(valid ? [] : [("spec.clusterIP", "FieldValueInvalid")], Causes(errors));
    }
}
