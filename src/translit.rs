//! Transliteration of Cyrillic titles into id slugs, for `dokaz new` and
//! for the hint on an invalid file name. Russian letters follow the
//! passport (ICAO 9303) table, which NGO staff meet in their documents;
//! Kazakh and Ukrainian letters fall back to the nearest Russian reading.

/// The latin spelling of one lowercase Cyrillic letter.
fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "iu",
        'я' => "ia",
        'і' | 'ї' => "i",
        'є' => "ie",
        'ґ' => "g",
        'ә' => "a",
        'ғ' => "g",
        'қ' => "k",
        'ң' => "n",
        'ө' => "o",
        'ұ' | 'ү' => "u",
        'һ' => "h",
        _ => return None,
    })
}

/// A valid id made from any title: transliterated, lowercase, words joined
/// by single hyphens, cut at a word boundary to at most 80 characters.
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(l) = letter(c) {
            out.push_str(l);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut slug = out.trim_matches('-').to_owned();
    if slug.len() > crate::syntax::id::ID_MAX {
        slug.truncate(crate::syntax::id::ID_MAX);
        if let Some(cut) = slug.rfind('-') {
            slug.truncate(cut);
        }
        slug = slug.trim_matches('-').to_owned();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::id::is_valid_id;

    #[test]
    fn russian_titles() {
        assert_eq!(
            slugify("Помощь семьям в сложной жизненной ситуации"),
            "pomoshch-semiam-v-slozhnoi-zhiznennoi-situatsii"
        );
        assert_eq!(slugify("«Тёплый дом»"), "teplyi-dom");
        assert_eq!(slugify("Warm Home 2"), "warm-home-2");
    }

    #[test]
    fn always_valid_or_empty() {
        for t in ["", "!!!", "a".repeat(200).as_str(), "Мама -- и -- Я", "x_y"] {
            let s = slugify(t);
            assert!(s.is_empty() || is_valid_id(&s), "{t:?} -> {s:?}");
        }
    }
}
