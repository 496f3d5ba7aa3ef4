package cn.duban.processes;

import java.util.List;

/**
 * A request to move running instances of {@code processKey}: from {@code sourceVersion} (null: every older
 * version) to {@code targetVersion} (null: the latest). {@code dryRun} (null: true) only reports who could move.
 * {@code businessKeys} (optional) limits the move to these items, e.g. a pilot on a few items first.
 */
public record MigrationRequest(String processKey, Integer sourceVersion, Integer targetVersion, Boolean dryRun,
                               List<String> businessKeys) {

  public boolean isDryRun() {
    return dryRun == null || dryRun;
  }
}
