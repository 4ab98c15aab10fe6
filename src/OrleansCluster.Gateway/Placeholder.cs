namespace OrleansCluster.Gateway; internal static class Placeholder { }
