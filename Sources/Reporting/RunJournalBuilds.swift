import Foundation
import Imaging

extension RunJournal {
    /// The journals of the same problem and configuration that other builds of the suite left under the same
    /// results folder (an interrupted run, then the suite rebuilt), the one holding most files first.
    public func otherBuilds() -> [RunJournal] {
        let parent = folder.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        let others = names.filter { $0.hasPrefix(problemPrefix) && $0 != folder.lastPathComponent }.compactMap { name -> (RunJournal, Int)? in
            let other = parent.appendingPathComponent(name)
            func marker(_ file: String) -> String? {
                (try? String(contentsOf: other.appendingPathComponent(file), encoding: .utf8))
            }
            guard marker(Self.configurationFile) == configurationDigest, let build = marker(Self.buildFile), build != self.build else {
                return nil
            }
            let journal = RunJournal(folder: other, problemPrefix: problemPrefix, configurationDigest: configurationDigest, build: build)
            return (journal, (try? FileManager.default.contentsOfDirectory(atPath: other.path))?.count ?? 0)
        }
        return others.sorted { $0.1 > $1.1 }.map(\.0)
    }

    /// Takes over every fit, finished or not, of `other` (a journal of the same configuration made by another
    /// build), then removes its folder. The fits keep the other build's bits: the caller has to say so.
    public func adopt(_ other: RunJournal) throws {
        try createFolder()
        let names = try FileManager.default.contentsOfDirectory(atPath: other.folder.path)
        for name in names where name != Self.configurationFile && name != Self.buildFile {
            let target = folder.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: other.folder.appendingPathComponent(name), to: target)
        }
        try FileManager.default.removeItem(at: other.folder)
    }
}
