package cn.duban.calendar;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One day that differs from the Monday–Friday week, in the layout of the published data: {@code offDay} true is a
 * holiday (放假), false a weekend day declared a working day (调休上班).
 */
@JsonPropertyOrder({"date", "name", "isOffDay"})
public record HolidayDay(LocalDate date, String name, @JsonProperty("isOffDay") boolean offDay) {
}
