-- Item and list codes come from one sequence per prefix and year (CodeSequences): nextval holds no lock, so issuing
-- an item no longer waits for a list import that took a code from the same counter row. The counters kept so far
-- become sequences that continue after the highest number issued (the counter or an existing code, whichever is
-- higher). code_counter is no longer written; CodeSequences still reads it when it creates a year's sequence.
-- The sequence name rule (duban.code_<prefix in lower case>) is CodeSequences.sequenceName.
do $$
declare
  counter record;
  highest bigint;
begin
  for counter in select prefix, last_value from duban.code_counter where prefix ~ '^[A-Z]{2}[0-9]{4}$' loop
    select greatest(counter.last_value,
        (select max(substring(code from '^' || counter.prefix || '-([0-9]{1,18})$')::bigint) from duban.item
          where code like counter.prefix || '-%'),
        (select max(substring(code from '^' || counter.prefix || '-([0-9]{1,18})$')::bigint) from duban.task_list
          where code like counter.prefix || '-%'), 0)
      into highest;
    execute format('create sequence if not exists duban.%I as bigint start with %s',
        'code_' || lower(counter.prefix), highest + 1);
  end loop;
end
$$;
