package dev.herald.bench.worker;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The command line of a child worker JVM: the same java binary as ours, and either {@code -jar herald-bench.jar}
 * (when we run from the executable jar, whose classes are nested) or {@code -cp <our class path>}.
 */
public final class WorkerLauncher {

    public static final String MAIN = "dev.herald.bench.Main";

    private WorkerLauncher() {}

    public static List<String> command(List<String> jvmOptions) {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path");
        if (isExecutableJar(classPath)) {
            cmd.add("-jar");
            cmd.add(classPath);
        } else {
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(MAIN);
        }
        cmd.add("worker");
        return cmd;
    }

    private static boolean isExecutableJar(String classPath) {
        if (classPath == null || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            var manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
