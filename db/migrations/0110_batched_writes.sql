-- Group commit: many writes in one transaction, so the kube_revision row lock is taken once per batch
-- and one WAL flush serves the whole batch.
--
-- kube_apply_batch applies operations in array order. Each one is checked without raising (no exception
-- block, so no subtransaction per item): a create (expected 0) needs the object absent, an update or a
-- delete needs it present at the expected revision. Only the operations that pass take a revision, so
-- revisions stay contiguous and commit order stays revision order. Two operations on one key behave as if
-- applied one after the other: each reads the row the previous one left. One row per operation comes back:
--   r_status 'k' applied (r_revision = its new revision), 'c' conflict (r_revision = the current revision),
--   'n' not found (r_revision = 0).
-- p_body may hold NULL for a delete: the stored body is then logged as the final state.
CREATE OR REPLACE FUNCTION kube_apply_batch(
    p_delete boolean[], p_resource text[], p_namespace text[], p_name text[], p_uid uuid[], p_expected bigint[],
    p_labels jsonb[], p_fields jsonb[], p_body jsonb[])
RETURNS TABLE (r_index integer, r_status "char", r_revision bigint)
LANGUAGE plpgsql AS $$
DECLARE
    n         integer := COALESCE(cardinality(p_delete), 0);
    v_start   bigint;
    v_rev     bigint;
    v_found   boolean;
    v_cur     bigint;
    v_labels  jsonb;
    v_fields  jsonb;
    v_body    jsonb;
BEGIN
    IF n = 0 THEN
        RETURN;
    END IF;
    IF cardinality(p_resource) <> n OR cardinality(p_namespace) <> n OR cardinality(p_name) <> n
       OR cardinality(p_uid) <> n OR cardinality(p_expected) <> n OR cardinality(p_labels) <> n
       OR cardinality(p_fields) <> n OR cardinality(p_body) <> n THEN
        RAISE EXCEPTION 'kube_apply_batch: the arrays differ in length';
    END IF;

    -- The one lock of the batch, held until commit.
    SELECT k.revision INTO v_start FROM kube_revision k WHERE k.id = 1 FOR UPDATE;
    v_rev := v_start;

    FOR i IN 1 .. n LOOP
        SELECT o.revision, o.labels, o.fields INTO v_cur, v_labels, v_fields FROM kube_objects o
         WHERE o.resource = p_resource[i] AND o.namespace = p_namespace[i] AND o.name = p_name[i];
        v_found := FOUND;
        r_index := i - 1;

        IF v_found AND v_cur <> p_expected[i] THEN  -- a create expects 0, and stored revisions start at 1
            r_status := 'c';
            r_revision := v_cur;
        ELSIF NOT v_found AND (p_delete[i] OR p_expected[i] <> 0) THEN
            r_status := 'n';
            r_revision := 0;
        ELSE
            v_rev := v_rev + 1;
            IF p_delete[i] THEN
                DELETE FROM kube_objects o
                 WHERE o.resource = p_resource[i] AND o.namespace = p_namespace[i] AND o.name = p_name[i]
                RETURNING jsonb_set(COALESCE(p_body[i], o.body), '{metadata,resourceVersion}', to_jsonb(v_rev::text), true)
                     INTO v_body;
                INSERT INTO kube_log (revision, resource, namespace, name, event, labels, fields, body)
                VALUES (v_rev, p_resource[i], p_namespace[i], p_name[i], 'D', v_labels, v_fields, v_body);
            ELSIF p_expected[i] = 0 THEN
                v_body := jsonb_set(p_body[i], '{metadata,resourceVersion}', to_jsonb(v_rev::text), true);
                INSERT INTO kube_objects (resource, namespace, name, uid, revision, labels, fields, body)
                VALUES (p_resource[i], p_namespace[i], p_name[i], p_uid[i], v_rev, p_labels[i], p_fields[i], v_body);
                INSERT INTO kube_log (revision, resource, namespace, name, event, labels, fields, body)
                VALUES (v_rev, p_resource[i], p_namespace[i], p_name[i], 'A', p_labels[i], p_fields[i], v_body);
            ELSE
                v_body := jsonb_set(p_body[i], '{metadata,resourceVersion}', to_jsonb(v_rev::text), true);
                UPDATE kube_objects o SET revision = v_rev, labels = p_labels[i], fields = p_fields[i], body = v_body
                 WHERE o.resource = p_resource[i] AND o.namespace = p_namespace[i] AND o.name = p_name[i];
                INSERT INTO kube_log (revision, resource, namespace, name, event, labels, fields, prev_labels, prev_fields, body)
                VALUES (v_rev, p_resource[i], p_namespace[i], p_name[i], 'M', p_labels[i], p_fields[i], v_labels, v_fields, v_body);
            END IF;
            r_status := 'k';
            r_revision := v_rev;
        END IF;
        RETURN NEXT;
    END LOOP;

    IF v_rev > v_start THEN
        UPDATE kube_revision SET revision = v_rev WHERE id = 1;
        PERFORM pg_notify('kube_log', v_rev::text);
    END IF;
END $$;

-- The single-object functions of 0100, now one path with the batch: same signatures, same OC409/OC404 errors.
CREATE OR REPLACE FUNCTION kube_single_result(p_status "char", p_revision bigint, p_expected bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    IF p_status = 'c' THEN
        RAISE EXCEPTION 'object is at revision %, not %', p_revision, p_expected USING ERRCODE = 'OC409';
    ELSIF p_status = 'n' THEN
        RAISE EXCEPTION 'object not found' USING ERRCODE = 'OC404';
    END IF;
    RETURN p_revision;
END $$;

CREATE OR REPLACE FUNCTION kube_put(
    p_resource text, p_namespace text, p_name text, p_uid uuid, p_expected bigint,
    p_labels jsonb, p_fields jsonb, p_body jsonb) RETURNS bigint
LANGUAGE sql AS $$
    SELECT kube_single_result(r_status, r_revision, p_expected)
      FROM kube_apply_batch(ARRAY[false], ARRAY[p_resource], ARRAY[p_namespace], ARRAY[p_name],
           ARRAY[p_uid], ARRAY[p_expected], ARRAY[p_labels], ARRAY[p_fields], ARRAY[p_body]);
$$;

CREATE OR REPLACE FUNCTION kube_delete(
    p_resource text, p_namespace text, p_name text, p_expected bigint, p_body jsonb) RETURNS bigint
LANGUAGE sql AS $$
    SELECT kube_single_result(r_status, r_revision, p_expected)
      FROM kube_apply_batch(ARRAY[true], ARRAY[p_resource], ARRAY[p_namespace], ARRAY[p_name],
           ARRAY[NULL::uuid], ARRAY[p_expected], ARRAY[NULL::jsonb], ARRAY[NULL::jsonb], ARRAY[p_body]);
$$;
