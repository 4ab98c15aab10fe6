"""List and watch pods with the official Python client (Debian's python3-kubernetes).

Usage: list_watch.py KUBECONFIG NAMESPACE EXPECTED_NAME
Prints the namespaces, then "ready <resourceVersion>" once its watch is open, then one line per
watch event ("ADDED name"), and exits 0 after it has seen EXPECTED_NAME added and deleted.
"""
import sys

from kubernetes import client, config, watch


def main() -> int:
    kubeconfig, namespace, expected = sys.argv[1:4]
    config.load_kube_config(config_file=kubeconfig)
    core = client.CoreV1Api()
    names = sorted(ns.metadata.name for ns in core.list_namespace().items)
    print("namespaces " + ",".join(names), flush=True)
    pods = core.list_namespaced_pod(namespace)
    print(f"ready {pods.metadata.resource_version}", flush=True)
    seen = set()
    w = watch.Watch()
    for event in w.stream(core.list_namespaced_pod, namespace,
                          resource_version=pods.metadata.resource_version, timeout_seconds=60):
        name = event["object"].metadata.name
        print(f"{event['type']} {name}", flush=True)
        seen.add((event["type"], name))
        if ("ADDED", expected) in seen and ("DELETED", expected) in seen:
            w.stop()
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
