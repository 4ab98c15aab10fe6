-- Bodies are stored as json (their text, kept verbatim) instead of jsonb. Every read of a body wants text:
-- a get, a list, a watch event. From jsonb, PostgreSQL rebuilds that text on every read (jsonb_out, about
-- half of a 10,000-pod list's server time); from json it is a copy. A write still parses the body as jsonb
-- once, to set metadata.resourceVersion, and renders it once, so the stored text is jsonb's canonical form
-- (keys in jsonb's order), exactly what reads returned before. Selectors use the labels and fields columns,
-- which stay jsonb for their GIN indexes.

DO $$
BEGIN
    IF (SELECT data_type FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = 'kube_objects' AND column_name = 'body') = 'jsonb' THEN
        ALTER TABLE kube_objects ALTER COLUMN body TYPE json USING body::json;
    END IF;
    IF (SELECT data_type FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = 'kube_log' AND column_name = 'body') = 'jsonb' THEN
        ALTER TABLE kube_log ALTER COLUMN body TYPE json USING body::json;
    END IF;
END $$;

-- kube_apply_batch of 0110 with the body rendered to json once per write (the parameters stay jsonb[]).
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
    v_body    json;
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
                RETURNING jsonb_set(COALESCE(p_body[i], o.body::jsonb), '{metadata,resourceVersion}', to_jsonb(v_rev::text), true)::json
                     INTO v_body;
                INSERT INTO kube_log (revision, resource, namespace, name, event, labels, fields, body)
                VALUES (v_rev, p_resource[i], p_namespace[i], p_name[i], 'D', v_labels, v_fields, v_body);
            ELSIF p_expected[i] = 0 THEN
                v_body := jsonb_set(p_body[i], '{metadata,resourceVersion}', to_jsonb(v_rev::text), true)::json;
                INSERT INTO kube_objects (resource, namespace, name, uid, revision, labels, fields, body)
                VALUES (p_resource[i], p_namespace[i], p_name[i], p_uid[i], v_rev, p_labels[i], p_fields[i], v_body);
                INSERT INTO kube_log (revision, resource, namespace, name, event, labels, fields, body)
                VALUES (v_rev, p_resource[i], p_namespace[i], p_name[i], 'A', p_labels[i], p_fields[i], v_body);
            ELSE
                v_body := jsonb_set(p_body[i], '{metadata,resourceVersion}', to_jsonb(v_rev::text), true)::json;
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
