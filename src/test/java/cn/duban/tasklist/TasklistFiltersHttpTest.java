package cn.duban.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.FilterService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.TestBureau;

/**
 * duban's Tasklist filters run through the guarded expressions ({@code ${currentUser()}},
 * {@code ${currentUserGroups()}}, {@code ${now()}}, {@code ${dateTime().plusDays(3).toDate()}}) as Tasklist runs
 * them: over /engine-rest, as the person who sees them.
 */
@DubanSpringTest
class TasklistFiltersHttpTest {

  @Autowired FilterService filterService;
  @LocalServerPort int port;

  void listsAndCounts(String user, String filterName) {
    String id = filterService.createFilterQuery().filterName(filterName).singleResult().getId();
    Http who = Http.basic(port, user, TestBureau.PASSWORD);
    Http.Response list = who.get("/engine-rest/filter/" + id + "/list");
    assertThat(list.status()).as(filterName + ": " + list.body()).isEqualTo(200);
    Http.Response count = who.get("/engine-rest/filter/" + id + "/count");
    assertThat(count.status()).as(filterName + ": " + count.body()).isEqualTo(200);
    assertThat(count.json().path("count").asInt()).as(filterName).isEqualTo(list.json().size());
  }

  @Test
  void aCadresFiltersListAndCount() {
    for (String name : List.of(TasklistFilters.MINE, TasklistFilters.MY_UNITS, TasklistFilters.DUE_SOON,
        TasklistFilters.OVERDUE)) {
      listsAndCounts(TestBureau.ALICE, name);
    }
  }

  @Test
  void theOfficesSignOffFilterListsAndCounts() {
    listsAndCounts(TestBureau.OFFICE, TasklistFilters.SIGN_OFF);
  }
}
