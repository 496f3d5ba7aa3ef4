package cn.duban.demo;

import java.util.List;

/** The demo bureau as described in {@code demo/bureau.json}. */
record DemoBureau(String bureau, List<DemoUnit> units, List<DemoPerson> people, DemoList list, List<DemoItem> items) {

  record DemoUnit(String id, String name, List<String> heads) {
  }

  record DemoPerson(String id, String lastName, String firstName, String email, List<String> units,
                    List<String> roles) {
  }

  record DemoList(String code, String name, String source) {
  }

  record DemoExtension(String reason, int newDeadlineInDays) {
  }

  record DemoItem(String title, String requirement, String unitId, String assignee, String leaderId,
                  int deadlineInDays, String reportingCycle, String state, List<String> progress, String result,
                  String returnReason, DemoExtension extension, String signOffRejection, String qualityRating,
                  String qualityRemark) {
  }
}
