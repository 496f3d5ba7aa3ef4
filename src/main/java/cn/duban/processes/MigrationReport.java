package cn.duban.processes;

import java.time.Instant;
import java.util.List;

/** The outcome of a dry run or a migration: per instance whether it can move (or moved) and why not. */
public record MigrationReport(Long id, String processKey, List<Integer> sourceVersions, int targetVersion,
                              boolean dryRun, String actedBy, Instant actedAt, List<String> batchIds,
                              List<InstanceResult> instances) {

  /** One running instance: where it waits and whether it can move to the target version. */
  public record InstanceResult(String processInstanceId, String businessKey, int sourceVersion,
                               List<String> waitingAt, boolean movable, List<String> reasons) {
  }

  public long movable() {
    return instances.stream().filter(InstanceResult::movable).count();
  }

  public long blocked() {
    return instances.size() - movable();
  }

  public List<InstanceResult> blockedInstances() {
    return instances.stream().filter(i -> !i.movable()).toList();
  }
}
