/**
 * 考核: scores per unit and per person for a period, from the items' report views, with versioned rules an admin
 * sets. Reads item data only through the {@code *_report} views.
 */
@org.springframework.modulith.ApplicationModule(displayName = "考核",
    allowedDependencies = { "system", "organisation", "calendar", "item", "supervision" })
package cn.duban.assessment;
