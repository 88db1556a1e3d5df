//! Stage 3b, wire names: the `field_case` that gives most original names
//! (for the API, then per type where another case fits better), and a `wire`
//! for each name no case gives, so nothing changes on the wire.

use vook_schema::names::wire_name;
use vook_vocab::wire::FieldCase;

use crate::spec::{Field, Spec, TypeBody};

/// How many of `fields` `case` spells wrong.
fn misses(fields: &[Field], case: FieldCase) -> usize {
    fields
        .iter()
        .filter(|f| wire_name(&f.name, case) != f.original)
        .count()
}

/// The case with the fewest misses; `prefer` on a tie, then in [`FieldCase::ALL`] order.
fn best<'a>(groups: impl Iterator<Item = &'a [Field]> + Clone, prefer: FieldCase) -> FieldCase {
    let cost = |case: FieldCase| groups.clone().map(|g| misses(g, case)).sum::<usize>();
    let mut chosen = prefer;
    let mut chosen_cost = cost(prefer);
    for case in FieldCase::ALL {
        let c = cost(case);
        if c < chosen_cost {
            chosen = case;
            chosen_cost = c;
        }
    }
    chosen
}

/// Sets `api.field_case`, each type's `field_case` and every `wire`.
pub fn assign(spec: &mut Spec) {
    let mut groups: Vec<&[Field]> = Vec::new();
    for t in &spec.types {
        if let TypeBody::Struct { fields, .. } = &t.body {
            groups.push(fields);
        }
    }
    for e in &spec.endpoints {
        groups.push(&e.query);
    }
    let api_case = best(groups.iter().copied(), FieldCase::Snake);
    spec.api.field_case = api_case;
    for t in &mut spec.types {
        if let TypeBody::Struct { field_case, fields } = &mut t.body {
            let own = best(std::iter::once(fields.as_slice()), api_case);
            *field_case = (own != api_case).then_some(own);
            set_wires(fields, own);
        }
    }
    for e in &mut spec.endpoints {
        set_wires(&mut e.query, api_case);
    }
}

fn set_wires(fields: &mut [Field], case: FieldCase) {
    for f in fields {
        f.wire = (wire_name(&f.name, case) != f.original).then(|| f.original.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, original: &str) -> Field {
        Field {
            name: name.into(),
            original: original.into(),
            ty: "string".into(),
            description: None,
            wire: None,
        }
    }

    #[test]
    fn the_case_most_names_follow_wins_and_the_rest_get_wire() {
        let mut spec = Spec::default();
        spec.types.push(crate::spec::TypeDef {
            name: "Order".into(),
            description: None,
            body: TypeBody::Struct {
                field_case: None,
                fields: vec![
                    field("created_at", "createdAt"),
                    field("id", "id"),
                    field("expand", "expand[]"),
                ],
            },
            component: true,
        });
        spec.types.push(crate::spec::TypeDef {
            name: "Message".into(),
            description: None,
            body: TypeBody::Struct {
                field_case: None,
                fields: vec![
                    field("to", "To"),
                    field("from", "From"),
                    field("date_created", "DateCreated"),
                ],
            },
            component: true,
        });
        spec.types.push(crate::spec::TypeDef {
            name: "Page".into(),
            description: None,
            body: TypeBody::Struct {
                field_case: None,
                fields: vec![
                    field("next_page", "nextPage"),
                    field("total_count", "totalCount"),
                ],
            },
            component: true,
        });
        assign(&mut spec);
        assert_eq!(spec.api.field_case, FieldCase::Camel);
        let TypeBody::Struct { field_case, fields } = &spec.types[0].body else {
            unreachable!()
        };
        assert_eq!(*field_case, None);
        assert_eq!(fields[0].wire, None);
        assert_eq!(fields[2].wire.as_deref(), Some("expand[]"));
        let TypeBody::Struct { field_case, fields } = &spec.types[1].body else {
            unreachable!()
        };
        assert_eq!(*field_case, Some(FieldCase::Pascal));
        assert!(fields.iter().all(|f| f.wire.is_none()));
    }
}
