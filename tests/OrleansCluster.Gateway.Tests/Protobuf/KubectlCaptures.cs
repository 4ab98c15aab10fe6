namespace OrleansCluster.Gateway.Tests.Protobuf;

/// <summary>
/// Request bodies recorded from the real kubectl v1.32.4 against a loopback listener (POST bodies saved byte for byte),
/// in hex. Note what gogo-protobuf writes: every plain field, even empty ones ("", 0, false, empty messages, status).
/// </summary>
internal static class KubectlCaptures
{
    /// <summary><c>kubectl create namespace team-a</c>.</summary>
    public const string CreateNamespace =
        "6b3873000a0f0a02763112094e616d657370616365121e0a160a067465616d2d6112001a0022002a0032003800420012001a020a001a002200";

    /// <summary><c>kubectl create configmap c --from-literal=a=b</c>.</summary>
    public const string CreateConfigMap =
        "6b3873000a0f0a0276311209436f6e6669674d6170121b0a110a016312001a0022002a0032003800420012060a01611201621a002200";

    /// <summary><c>kubectl create configmap files --from-file=bin.dat --from-file=text.txt</c> (bin.dat = 00 01 fe ff, text.txt = hello).</summary>
    public const string CreateConfigMapFromFiles =
        "6b3873000a0f0a0276311209436f6e6669674d6170123b0a150a0566696c657312001a0022002a0032003800420012110a08746578742e747874120568656c6c6f"
        + "1a0f0a0762696e2e64617412040001feff1a002200";

    /// <summary><c>kubectl create secret generic s --from-literal=password=hunter2 --type=Opaque</c>.</summary>
    public const string CreateSecret =
        "6b3873000a0c0a027631120653656372657412300a110a017312001a0022002a0032003800420012130a0870617373776f7264120768756e746572321a064f70617175651a002200";

    /// <summary><c>kubectl create deployment web --image=busybox:1.36 --replicas=2</c>.</summary>
    public const string CreateDeployment =
        "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412b5010a1f0a0377656212001a0022002a003200380042005a0a0a036170701203776562"
        + "1283010802120c0a0a0a0361707012037765621a690a1c0a0012001a0022002a003200380042005a0a0a0361707012037765621249122b0a0762757379626f78"
        + "120c62757379626f783a312e33362a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a"
        + "00280038001a0c0800100018002000280038001a002200";

    /// <summary><c>kubectl create deployment api -n team-a --image=nginx:1.27 --port=8080 -- sleep 3600</c>.</summary>
    public const string CreateDeploymentWithPortAndCommand =
        "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412d1010a250a0361706912001a067465616d2d6122002a003200380042005a0a0a036170701203"
        + "6170691299010801120c0a0a0a0361707012036170691a7f0a1c0a0012001a0022002a003200380042005a0a0a036170701203617069125f12410a056e67696e78"
        + "120a6e67696e783a312e32371a05736c6565701a04333630302a00320b0a00100018903f22002a0042006a007200800100880100900100a201001a00320042004a"
        + "0052005800600068008201008a01009a0100c2010022020a00280038001a0c0800100018002000280038001a002200";

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
}
