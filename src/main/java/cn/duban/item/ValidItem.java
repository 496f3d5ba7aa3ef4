package cn.duban.item;

import java.time.LocalDate;
import java.util.List;

/** An item that passed {@link ItemRules}: every field is known to be acceptable. */
public record ValidItem(String title, String requirement, String unitId, String assignee, List<String> coUnitIds,
                        String leaderId, LocalDate deadline, ReportingCycle reportingCycle, String listCode) {
}
