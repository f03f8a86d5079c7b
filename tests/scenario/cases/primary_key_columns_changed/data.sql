INSERT INTO public.members (relation_id, member_type, member_id, sequence_id)
SELECT g / 10, CASE WHEN g % 2 = 0 THEN 'node' ELSE 'way' END, g, g % 10
FROM generate_series(1, 2000) AS g;
INSERT INTO public.member_notes (relation_id, member_type, member_id, sequence_id, note)
SELECT relation_id, member_type, member_id, sequence_id, 'note ' || member_id
FROM public.members WHERE member_id % 4 = 0;
