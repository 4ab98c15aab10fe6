namespace OrleansCluster.Core.Tests.FieldValidation;

/// <summary>Full, valid manifests as a user would send them (JSON), for tests to break at chosen places.</summary>
internal static class Manifests
{
    public const string Pod = """
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "name": "web",
            "namespace": "default",
            "labels": {"app": "web", "tier": "frontend", "app.kubernetes.io/name": "web"},
            "annotations": {"example.com/note": "free text", "kubectl.kubernetes.io/last-applied-configuration": "{}"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-1", "uid": "u-1", "controller": true}],
            "creationTimestamp": null
          },
          "spec": {
            "volumes": [
              {"name": "data", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}},
              {"name": "config", "configMap": {"name": "web-config", "items": [{"key": "a", "path": "a.conf"}], "defaultMode": 420}},
              {"name": "secret", "secret": {"secretName": "web-secret", "optional": true}},
              {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}}
            ],
            "initContainers": [{"name": "init", "image": "busybox:1.36", "command": ["sh", "-c", "true"]}],
            "containers": [{
              "name": "app",
              "image": "nginx:1.27",
              "imagePullPolicy": "IfNotPresent",
              "command": ["nginx"],
              "args": ["-g", "daemon off;"],
              "workingDir": "/srv",
              "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}],
              "env": [
                {"name": "MODE", "value": "prod"},
                {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
                {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu", "divisor": "1m"}}},
                {"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "web-secret", "key": "password"}}},
                {"name": "LEVEL", "valueFrom": {"configMapKeyRef": {"name": "web-config", "key": "level", "optional": true}}}
              ],
              "envFrom": [{"prefix": "CFG_", "configMapRef": {"name": "web-config"}}],
              "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": 0.25, "memory": "64Mi"}},
              "volumeMounts": [{"name": "data", "mountPath": "/data"}, {"name": "config", "mountPath": "/etc/web", "readOnly": true}],
              "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http", "httpHeaders": [{"name": "X-Probe", "value": "1"}]},
                                "initialDelaySeconds": 5, "periodSeconds": 10, "failureThreshold": 3},
              "readinessProbe": {"tcpSocket": {"port": 80}, "timeoutSeconds": 1},
              "startupProbe": {"exec": {"command": ["cat", "/ready"]}},
              "lifecycle": {"preStop": {"exec": {"command": ["sleep", "5"]}}},
              "securityContext": {"runAsUser": 1000, "runAsNonRoot": true, "readOnlyRootFilesystem": true,
                                  "allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}},
              "terminationMessagePolicy": "FallbackToLogsOnError"
            }],
            "securityContext": {"fsGroup": 2000, "runAsGroup": 3000, "seccompProfile": {"type": "RuntimeDefault"},
                                "sysctls": [{"name": "net.core.somaxconn", "value": "1024"}]},
            "nodeSelector": {"kubernetes.io/os": "linux"},
            "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "web", "effect": "NoSchedule", "tolerationSeconds": 60}],
            "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
              {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a", "b"]}]}]}}},
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 30,
            "dnsPolicy": "ClusterFirst",
            "serviceAccountName": "default",
            "imagePullSecrets": [{"name": "registry"}]
          },
          "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "True", "lastTransitionTime": "2024-01-01T00:00:00Z"}]}
        }
        """;

    public const string Service = """
        {
          "apiVersion": "v1",
          "kind": "Service",
          "metadata": {"name": "web", "labels": {"app": "web"}},
          "spec": {
            "type": "NodePort",
            "selector": {"app": "web"},
            "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP", "nodePort": 30080},
                      {"name": "metrics", "port": 9090, "targetPort": 9090}],
            "sessionAffinity": "ClientIP",
            "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 600}},
            "ipFamilyPolicy": "SingleStack",
            "externalTrafficPolicy": "Local"
          }
        }
        """;

    public const string Namespace = """
        {"apiVersion": "v1", "kind": "Namespace",
         "metadata": {"name": "team-a", "labels": {"team": "a"}, "annotations": {"owner": "someone"}},
         "spec": {"finalizers": ["kubernetes"]}}
        """;
}
