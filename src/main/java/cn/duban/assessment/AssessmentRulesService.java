package cn.duban.assessment;

import java.time.LocalDate;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.system.BureauClock;
import cn.duban.system.web.ConflictException;

/** Reads and changes the versioned 考核 rules; a change edited from an older version loses (409). */
@Service
class AssessmentRulesService {

  private final AssessmentRulesRepository repository;
  private final BureauClock clock;

  AssessmentRulesService(AssessmentRulesRepository repository, BureauClock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  List<AssessmentRules> versions() {
    return repository.all();
  }

  /** The rules in force on {@code day} (V33 puts version 1 in force from 2000-01-01). */
  AssessmentRules inForce(LocalDate day) {
    return repository.inForce(day).orElseThrow(() -> new IllegalStateException("no 考核 rules in force on " + day));
  }

  /**
   * Adds a version from {@code change}, which must have been edited from the latest version: otherwise, or when
   * another change wins the race for the same version number, 409 and nothing is written.
   */
  @Transactional
  AssessmentRules change(AssessmentRules.Change change, String by) {
    int latest = repository.latestVersion();
    if (change.basedOn() != latest) {
      throw stale(latest);
    }
    AssessmentRules rules = change.as(latest + 1, by, clock.now());
    try {
      repository.insert(rules);
    } catch (DuplicateKeyException e) {
      throw stale(latest + 1);
    }
    return rules;
  }

  private static ConflictException stale(int latest) {
    return new ConflictException("考核规则已被他人修改（当前为第 " + latest + " 版），请刷新后在最新版本上修改");
  }
}
