import Foundation

/// Whether a folder is on a file system other machines can reach: what the jobs of a run handed to a cluster
/// need for its journal (the fits they write, the report job that reads them).
enum SharedFileSystem {
    /// The network and parallel file systems clusters share, as `/proc/mounts` names them (FUSE too: any of them
    /// may be behind it).
    private static let shared: Set<String> = ["nfs", "nfs4", "cifs", "smb3", "lustre", "gpfs", "beegfs", "ceph", "afs", "panfs", "wekafs", "9p"]

    /// The warning to give when `folder` is on a local file system (the mount of `/proc/mounts` with the longest
    /// mount point above it); nil when it is shared or cannot be told.
    static func warning(for folder: URL) -> String? {
        guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return nil }
        let path = folder.standardizedFileURL.path
        let mount = mounts.split(separator: "\n").compactMap { line -> (point: String, type: String)? in
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { return nil }
            let point = fields[1].replacingOccurrences(of: "\\040", with: " ")
            return path == point || path.hasPrefix(point == "/" ? "/" : point + "/") ? (point, String(fields[2])) : nil
        }.max { $0.point.count < $1.point.count }
        guard let mount, !shared.contains(mount.type), !mount.type.hasPrefix("fuse") else { return nil }
        return "warning: \(folder.path) is on a local file system (\(mount.type), mounted at \(mount.point)): Slurm jobs on other "
            + "nodes cannot reach it. On a cluster, give --out a folder on a shared file system (and run from a shared checkout); "
            + "on a single machine this is fine"
    }
}
