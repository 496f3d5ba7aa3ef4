/** 督办台: the supervision dashboard, the supervision item table and the periodic 通报 report, for each reader's scope. */
package cn.duban.supervision;
