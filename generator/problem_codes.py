"""Every kind of problem the generator reports, by a stable code.

A `Problem` carries one of these codes (e.g. "celda-no-numero"), so a planning officer
can look it up in PROBLEMAS.md, which is written from this registry (see `page`), and
tests can assert the kind of problem instead of its wording. Adding a kind of problem
is one entry here, then `python -m generator.problem_codes > PROBLEMAS.md`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    titulo: str  # short Spanish title
    explicacion: str  # what it means and how the planning office fixes it (Markdown)


GROUPS: dict[str, dict[str, Code]] = {
    "Carpetas y archivos": {
        "filas-ocultas-leidas": Code("Filas ocultas leídas como datos (aviso)", "La hoja tiene filas ocultas con datos, y se leyeron como las demás: ocultar una fila no la saca del plan. Si no deben publicarse, bórrelas del libro."),
        "hojas-ocultas-omitidas": Code("Hojas ocultas que no se leen (aviso)", "El libro tiene hojas ocultas y se leyó la primera hoja visible. Si los datos están en una hoja oculta, muéstrela en Excel o nómbrela en `plan.yml` (`hojas:` o `mapeo`)."),
        "carpeta-ilegible": Code("No se pudo abrir una carpeta", "El sistema no dejó listar una carpeta de datos: faltan permisos para leerla. Revise sus permisos."),
        "archivo-especial": Code("Algo que no es un archivo ni una carpeta", "En la carpeta de datos hay un dispositivo, una tubería o un socket. No se lee: bórrelo de la carpeta de datos."),
        "enlace-roto": Code("Enlace simbólico roto", "Un enlace simbólico de la carpeta de datos apunta a algo que no existe. Bórrelo, o ponga en su lugar el archivo mismo."),
        "enlace-ciclico": Code("Enlace simbólico que no se puede seguir", "Un enlace simbólico forma un ciclo (apunta, directa o indirectamente, a sí mismo) o no se puede leer. Bórrelo."),
        "enlace-fuera": Code("Enlace simbólico que sale de la carpeta de datos", "Un enlace simbólico apunta fuera de la carpeta de datos. No se sigue, no se lee y no se publica nada de él: copie el archivo dentro de la carpeta de datos."),
        "archivo-no-leido": Code("Archivo que no se lee", "En `avances/`, `presupuesto/` o la carpeta de un corte hay un archivo que no es `.xlsx`, `.xlsm` ni `.csv` (un PDF, un documento de Word...). No se lee, y si trae datos se perderían: guárdelo como `.xlsx` o CSV UTF-8, o sáquelo de la carpeta."),
        "carpeta-no-leida": Code("Carpeta dentro de un corte", "La carpeta de un corte tiene otra carpeta dentro, que no se lee. Ponga sus archivos directamente en la carpeta del corte."),
        "archivo-ignorado": Code("Archivo que no se lee (aviso)", "Un archivo oculto, del sistema (`.DS_Store`, `Thumbs.db`), de bloqueo de Office (`~$...`) o de notas (README) en una carpeta de datos no se lee. Es solo un aviso: si no trae datos, puede dejarlo."),
        "carpeta-no-existe": Code("La carpeta de datos no existe", "La carpeta que se le pasó al generador (por omisión `data/`) no existe. Revise el nombre en el comando, o cree la carpeta con una subcarpeta por plan."),
        "sin-planes": Code("No hay ningún plan", "La carpeta de datos no tiene ninguna subcarpeta con un archivo `plan.yml`. Cada plan va en su propia carpeta, p. ej. `data/mi-municipio/plan.yml`."),
        "direccion-del-sitio-no-valida": Code("Dirección del sitio no válida", "La dirección que se dio con `--site-url` no es una dirección web completa. Debe empezar por `http://` o `https://`, nombrar el servidor y no llevar `?` ni `#`, p. ej. `https://www.ejemplo.gov.co/rendicion/`. Con ella el sitio lista sus páginas en `sitemap.xml`, enlaza cada página por su dirección pública y navega sin recargar la página."),
        "nombre-de-carpeta-no-valido": Code("Nombre de la carpeta del plan no válido", "El nombre de la carpeta del plan forma las direcciones del sitio. Renómbrela con minúsculas sin tildes, números y guiones (p. ej. `mi-municipio`), sin usar los nombres que el sitio reserva (el mensaje los lista)."),
        "archivo-faltante": Code("Falta un archivo", "No está un archivo obligatorio: el de metas (`metas.xlsx` o `metas.csv`) o el libro que nombra `mapeo.archivo` en `plan.yml`. Póngalo en la carpeta del plan con ese nombre exacto."),
        "archivos-duplicados": Code("Dos archivos para lo mismo", "Hay dos archivos para la misma tabla (p. ej. `metas.xlsx` y `metas.csv`), o dos archivos o carpetas para el mismo corte. Deje uno solo: borre, o saque de la carpeta, el que sobra."),
        "formato-no-admitido": Code("Formato de hoja de cálculo no admitido", "El archivo es de un formato que no se lee (`.xls`, `.xlsm`, `.xlsb`, `.ods`, `.numbers`). Ábralo y guárdelo como libro de Excel (`.xlsx`) o como CSV UTF-8."),
        "corte-sin-archivos": Code("Carpeta de corte vacía", "La carpeta de un corte (p. ej. `avances/2021-T3/`) no tiene ningún archivo `.xlsx` ni `.csv`. Ponga dentro los archivos del corte, o borre la carpeta."),
        "informe-no-valido": Code("Archivo de informe que no se lee", "En `informes/` va un archivo de texto por corte con las conclusiones y recomendaciones de la oficina para el informe al concejo, nombrado con el corte y la extensión `.md` (p. ej. `informes/2021-T3.md`). Otro nombre, otra extensión o una carpeta no se leen: renombre el archivo o sáquelo de la carpeta."),
        "informe-sin-corte": Code("Informe de un corte sin avances (aviso)", "Hay un archivo `informes/AAAA-TN.md` para un corte que no tiene avances, así que no se publica. Revise que el nombre sea el del corte de los avances (p. ej. `2021-T3.md` para `avances/2021-T3.xlsx`)."),
        "corte-no-valido": Code("Nombre de corte no válido", "Un corte se nombra AAAA-TN, el año y el trimestre: `2021-T3` es el tercer trimestre de 2021. Renombre el archivo o la carpeta, o corrija la lista `mapeo.cortes` de `plan.yml`."),
        "archivo-inaccesible": Code("No se pudo abrir el archivo", "El sistema no dejó abrir el archivo: no existe, otro programa lo bloquea o faltan permisos para leerlo. Ciérrelo en los demás programas y revise sus permisos."),
        "archivo-danado": Code("Archivo dañado", "El archivo no se pudo leer aunque su extensión es la correcta: está dañado o incompleto. Ábralo en Excel, revise que abra bien y guárdelo de nuevo; si viene de otro sistema, expórtelo otra vez."),
        "archivo-vacio": Code("Archivo vacío", "El archivo no tiene contenido, o no tiene ninguna fila con datos. Revise que sea el archivo correcto y que se haya guardado con sus datos."),
        "archivo-muy-grande": Code("Archivo demasiado grande", "El archivo pesa más de lo que el generador lee (50 MB, o 200 MB descomprimido si es un `.xlsx`). Quite las hojas, imágenes o datos que no son del plan y guárdelo de nuevo."),
        "hoja-muy-grande": Code("Hoja demasiado grande", "Una hoja tiene más de 500.000 filas, o llega más lejos de lo que se lee. Suele ser formato o un valor suelto muy abajo o muy a la derecha: borre las filas y columnas vacías del final de la hoja y guárdela."),
        "archivo-no-seguro": Code("Libro con una estructura anómala", "El libro de Excel tiene una estructura interna que podría colgar o engañar al lector (demasiadas partes, una compresión desmedida o declaraciones XML). Copie los datos a un libro nuevo de Excel y guárdelo como `.xlsx`."),
        "tipo-de-archivo-equivocado": Code("El archivo no es lo que dice su extensión", "El contenido no corresponde a la extensión: un PDF o una imagen renombrados a `.xlsx`, un CSV con extensión `.xlsx`, datos binarios en un `.csv` o un `.yml`... Guárdelo desde el programa que lo creó, con el formato correcto."),
        "libro-con-contrasena": Code("Libro protegido con contraseña", "El libro de Excel está cifrado con contraseña y no se puede leer. Quítele la contraseña en Excel (Archivo > Información > Proteger libro) y guárdelo."),
        "hoja-inexistente": Code("No existe la hoja", "`plan.yml` (en `hojas:` o en el mapeo) nombra una hoja que el libro no tiene. El mensaje lista las hojas del libro: corrija el nombre en `plan.yml` o en el libro para que coincidan exactamente."),
        "sin-hojas-visibles": Code("El libro no tiene hojas visibles", "Todas las hojas del libro están ocultas y no se sabe cuál leer. Muestre la hoja de datos en Excel, o nómbrela en `plan.yml`."),
        "codificacion-no-utf8": Code("El texto no está en UTF-8", "El archivo de texto (CSV o `plan.yml`) está guardado en otra codificación (Windows-1252, UTF-16) y las tildes se dañarían. En Excel use \"Guardar como\" y elija \"CSV UTF-8 (delimitado por comas)\"; en un editor de texto, guarde con codificación UTF-8."),
        "csv-no-valido": Code("CSV mal formado", "El CSV tiene una comilla sin cerrar o una celda enorme, y no se puede separar en filas y columnas. Ábralo en Excel, revise las celdas con comillas y guárdelo de nuevo como CSV UTF-8."),
        "fila-con-celdas-de-mas": Code("Fila con más celdas que los encabezados", "Una fila del CSV tiene valores más allá de la última columna con encabezado. Casi siempre es un número con coma decimal sin comillas (12,5 se parte en dos celdas): ponga esos números entre comillas, o use punto y coma (;) como separador."),
        "columna-repetida": Code("Encabezado repetido", "Dos columnas tienen el mismo encabezado y no se sabe cuál leer: cambie o borre uno. En un libro leído con mapeo es un aviso: se usa la primera, y el mapeo puede pedir otra con `\"ENCABEZADO#2\"` o `\"col:T\"`."),
    },
    "plan.yml": {
        "texto-en-blanco": Code("Texto obligatorio en blanco", "El nombre del plan, de un nivel, de un nodo o de un rango está en blanco (solo espacios). Lo que nombra desaparecería del sitio: escriba el texto."),
        "texto-invisible": Code("Caracteres invisibles quitados (aviso)", "Un texto traía caracteres invisibles o de control (espacio de ancho cero, marcas de dirección, caracteres de control). Se quitaron: revise que el texto publicado diga lo que debe."),
        "yaml-no-valido": Code("plan.yml no es YAML válido", "`plan.yml` no se puede leer cerca de la línea indicada. Revise la sangría (los hijos más adentro que su padre), los dos puntos después de cada clave y que toda comilla se cierre."),
        "yaml-tabulador": Code("Tabulador en plan.yml", "YAML no admite tabuladores en la sangría. Reemplácelos por espacios."),
        "yaml-anclas": Code("Anclas o alias en plan.yml", "`plan.yml` usa anclas (`&`) o alias (`*`) de YAML, que no se admiten. Escriba cada valor completo donde se usa."),
        "yaml-muy-anidado": Code("plan.yml demasiado anidado", "`plan.yml` tiene más de 40 niveles de listas o claves unas dentro de otras. Revise la sangría: un plan tiene pocos niveles (eje, programa, producto...)."),
        "clave-repetida": Code("Clave repetida", "Una clave aparece dos veces en el mismo grupo de `plan.yml`, y la segunda borraría la primera. Deje una sola."),
        "clave-desconocida": Code("Clave desconocida", "`plan.yml` tiene una clave que el generador no conoce, casi siempre por un error de escritura (p. ej. `peridoo`). En `plan.yml` es un aviso y la clave se ignora; en el mapeo es un error, porque cambiaría lo que se lee. Corrija el nombre: el mensaje lista las claves admitidas."),
        "clave-faltante": Code("Falta una clave o su valor", "Falta una clave obligatoria de `plan.yml` o del mapeo (p. ej. `nombre`, `periodo`, `niveles`, `estructura`, `mapeo.archivo`, el peso de una vigencia), o está vacía. Agréguela con su valor; el mensaje dice qué se esperaba."),
        "peso-no-usado": Code("Peso que no se usa (aviso)", "`plan.yml` dice `pesos: por_conteo`: cada nodo pesa el número de metas que tiene, así que el `peso` escrito en ese nodo no se usa. Borre el peso del nodo, o la clave `pesos`, si el plan sí pondera con los pesos escritos."),
        "valor-no-valido": Code("Valor no válido en plan.yml", "Una clave de `plan.yml` o del mapeo tiene un valor de otro tipo que el esperado: un texto donde va una lista, algo distinto de `true` o `false`, un color mal escrito, una expresión regular que no es válida... El mensaje da un ejemplo del valor esperado."),
        "sinonimo-no-valido": Code("Sinónimo no válido (aviso)", "La clave `sinonimos` de `plan.yml` dice qué más busca el buscador del sitio cuando alguien escribe una palabra: `vías: [malla vial, carreteras]`. Antes de los dos puntos va una sola palabra; después, la lista de palabras o frases. Lo que no tiene esa forma se ignora (el resto del vocabulario se usa). Corríjalo como dice el mensaje."),
        "contiene-html": Code("Texto con HTML", "Una descripción de `plan.yml` tiene etiquetas HTML (`<b>`, `<script>`...), que no se publican. Use texto o Markdown (`**negrita**`, listas con guiones)."),
        "periodo-no-valido": Code("Periodo no válido", "El periodo son dos años, el primero y el último del plan, en orden y a lo sumo 20 años: `periodo: [2024, 2027]`."),
        "vigencia-fuera-de-periodo": Code("Vigencia fuera del periodo", "Un año (la vigencia de una fila, un corte, una columna `programado_AAAA`, una clave de `vigencias`) no está entre el primer y el último año del periodo de `plan.yml`. Corrija el año, o el periodo."),
        "rangos-no-validos": Code("Rangos mal definidos", "Los rangos de cumplimiento (`rangos:` en `plan.yml`) deben incluir uno con `desde: 0` y no repetir un mismo `desde`. Corrija los valores `desde`."),
        "codigo-reservado": Code("Código reservado", "El código `RAIZ` lo usa el generador para el plan completo. Dele otro código al nodo."),
        "codigo-repetido": Code("Código repetido", "Dos nodos de la estructura, o dos metas del archivo de metas, tienen el mismo código. Los códigos son únicos: cambie uno. En un libro con mapeo, `formato: \"{padre}.{codigo}\"` hace que el código de un nodo incluya el de su padre."),
        "codigo-convertido-en-numero": Code("Código convertido en número", "Un código como 1.10 quedó guardado como número y perdió el cero (1.1). En Excel dé formato de texto a la columna y escriba el código de nuevo; en `plan.yml` escríbalo entre comillas: `codigo: \"1.10\"`."),
        "niveles-no-coinciden": Code("Las ramas no tienen los niveles declarados", "Cada rama de la estructura tiene exactamente los niveles que declara `niveles:` en `plan.yml` (p. ej. eje, programa, producto), y las metas cuelgan del último. Agregue los hijos que faltan, quite los que sobran o corrija la lista `niveles` (o `mapeo.niveles`)."),
        "nodo-sin-metas": Code("Nodo sin metas", "Es un aviso: un nodo del último nivel no tiene ninguna meta en el archivo de metas, y se publica sin avance. Revise el `codigo_padre` de las metas que deberían colgar de él, o quite el nodo de la estructura."),
    },
    "Celdas": {
        "celda-formula-sin-valor": Code("Fórmula sin valor calculado", "La celda tiene una fórmula pero el libro no guardó su resultado (lo escribió un programa que no calcula fórmulas). Abra el libro en Excel o LibreOffice y guárdelo, para que se calculen, o copie la columna y péguela como valores."),
        "celda-error-excel": Code("Error de Excel en la celda", "La celda tiene un error de Excel (`#DIV/0!`, `#REF!`, `#N/A`, `#VALUE!`...), en el libro o escrito como texto en un CSV. Corrija la fórmula que lo produce, o escriba el valor."),
        "numero-demasiado-grande": Code("Número demasiado grande", "El número pasa de 1.000.000.000.000.000 (mil billones), más de lo que una hoja de cálculo guarda con exactitud. Suele ser un error de digitación: revise el valor."),
        "numero-demasiado-pequeno": Code("Número demasiado pequeño", "El número es distinto de 0 pero menor que 0,000001. Suele ser un error de digitación o de formato: escriba 0 o el valor correcto."),
        "codigo-invisible": Code("Código con un carácter invisible", "Un código trae un carácter invisible o de control (p. ej. U+200B, espacio de ancho cero) que lo haría parecer otro código. Bórrelo y escríbalo de nuevo a mano, sin copiarlo de otro documento."),
        "celda-vacia": Code("Celda vacía", "Una celda obligatoria está vacía (el código de la meta, su texto, el año de la vigencia, la fecha de un ajuste, el peso de un nodo...). Escriba el valor; el mensaje dice qué se esperaba. En un libro con mapeo, una celda vacía de la jerarquía toma el valor de arriba (celdas combinadas), salvo en la primera fila."),
        "celda-no-numero": Code("La celda no es un número", "Se esperaba un número y la celda tiene texto, una fecha o un valor lógico. Escriba solo el número, con coma decimal y sin unidades: `12,5` o `1.500`. Con `si_no_es_numero: aviso` en el mapeo es un aviso: el valor queda vacío y el texto se conserva."),
        "numero-negativo": Code("Número negativo", "Las metas, los avances y los recursos no son negativos. Escriba el valor sin signo menos; una meta que busca bajar un valor es de tipo reducción."),
        "peso-no-valido": Code("Peso no válido", "Un peso (de un nodo, de una meta o de una vigencia) es un número mayor que 0. Corríjalo; para que algo no cuente, quítelo del plan en vez de darle peso 0."),
        "celda-no-codigo": Code("La celda no es un código", "Se esperaba un código como texto (p. ej. `1.10`) y la celda tiene una fecha, un valor lógico o una lista. Dé formato de texto a la columna y escriba el código."),
        "celda-no-anio": Code("La celda no es un año", "Se esperaba un año de cuatro cifras, p. ej. `2021`. Escriba solo el año, sin mes ni día."),
        "valor-no-admitido": Code("Valor no admitido", "La celda debe tener una de las palabras que lista el mensaje (p. ej. el tipo: incremento, mantenimiento, reduccion o stock); mayúsculas y tildes no importan. Corrija la palabra."),
        "enlace-no-valido": Code("Enlace no válido", "La evidencia es una dirección web que empieza por `http://` o `https://`, sin espacios. Copie el enlace completo desde el navegador."),
        "celda-no-fecha": Code("La celda no es una fecha", "Se esperaba una fecha, como `2021-06-30` o `30/06/2021`. Dé formato de fecha a la celda, o escríbala así."),
    },
    "Metas, avances, presupuesto y reprogramaciones": {
        "columna-faltante": Code("Falta una columna", "El archivo no tiene una columna obligatoria, o la hoja no tiene la que pide el mapeo. Escriba el encabezado como dice la plantilla (mayúsculas, tildes y espacios no importan), en la misma fila que los demás; el mensaje lista las columnas encontradas."),
        "sin-metas": Code("El archivo de metas no tiene metas", "El archivo de metas tiene encabezados pero ninguna fila de datos. Agregue una fila por meta."),
        "nodo-inexistente": Code("El nodo no existe", "El `codigo_padre` de una meta no es ningún nodo de la estructura de `plan.yml`. Corrija el código en el archivo de metas, o agregue el nodo a la estructura."),
        "nodo-con-hijos": Code("La meta cuelga de un nodo con hijos", "Las metas se asignan solo a nodos del último nivel (p. ej. productos). Cambie el `codigo_padre` por el de un nodo sin hijos."),
        "meta-inexistente": Code("La meta no existe", "Una fila de avances, presupuesto, reprogramaciones o seguimiento tiene un `codigo_meta` que no está en el archivo de metas. Corrija el código (suele ser un error de escritura, o un código viejo)."),
        "reduccion-inconsistente": Code("Meta de reducción inconsistente", "Una meta de reducción (lo bueno es que el valor baje) necesita línea base, y su meta y lo programado deben ser menores que ella. Escriba la línea base o corrija los valores; o cambie el tipo, si la meta no es de reducción."),
        "nombre-escrito-distinto": Code("Nombre escrito de varias formas", "Es un aviso: un mismo nombre (dependencia, sector, territorio, o un nodo de un libro con mapeo) está escrito distinto en varias filas; se usa la primera forma. Si son lo mismo, unifique la escritura; si no, cámbielo para que se distingan."),
        "meta-sin-dependencia": Code("Meta programada sin dependencia", "Es un aviso: la meta está programada y su celda de dependencia está vacía, así que no aparece en ninguna dependencia. Escriba la dependencia responsable."),
        "vigencia-de-otro-corte": Code("Vigencia distinta a la del corte", "Cada corte reporta un solo año: la vigencia de cada fila es el año del corte (2021 en `2021-T3`). Corrija la vigencia, o pase la fila al archivo de su corte."),
        "fila-repetida": Code("Fila repetida", "La misma meta aparece dos veces en un corte (en el presupuesto, dos veces con la misma fuente y territorio). Deje una sola fila, con los valores sumados si hace falta."),
        "sobreejecucion": Code("Avance mayor que lo programado", "Es un aviso: lo ejecutado supera lo programado para el año (o es más del doble). Puede ser correcto; confirme el valor antes de publicar (PE-P-004)."),
        "avance-sin-programacion": Code("Avance en un año no programado", "Es un aviso: la meta reporta avance en una vigencia en la que no está programada. Revise lo programado en el archivo de metas, o el avance reportado."),
        "recursos-excedidos": Code("Recursos mayores que lo programado", "Es un aviso: los recursos ejecutados superan los programados, lo comprometido supera lo programado o lo pagado supera lo comprometido. Pasa con adiciones aún no registradas; revise los valores."),
        "presupuesto-sin-avances": Code("Presupuesto sin avances del corte", "Es un aviso: hay presupuesto de un corte que no tiene archivo de avances. No se publica hasta que exista, porque el dinero se muestra junto al avance físico del mismo corte."),
        "campo-no-ajustable": Code("Campo que no se puede ajustar", "La columna `campo` de reprogramaciones nombra un dato de la meta que se puede ajustar: meta, indicador, unidad, dependencia, tipo, linea_base, meta_cuatrienio, peso o `programado_AAAA` de un año del periodo."),
        "valor-anterior-no-coincide": Code("El valor anterior no coincide", "En una reprogramación, `valor_anterior` es el valor que la meta tenía en esa fecha: el original o el de un ajuste anterior. Corrija `valor_anterior`, o revise las fechas de los ajustes."),
        "corte-desconocido": Code("Compromiso de un corte sin avances", "La columna `corte` del archivo de seguimiento nombra un corte que el plan no tiene: cada compromiso responde a un corte publicado (un archivo de `avances/`). Corrija el corte (el mensaje lista los publicados)."),
        "compromiso-repetido": Code("Compromiso repetido", "El archivo de seguimiento tiene dos filas para la misma meta y el mismo corte. Deje una sola: si la dependencia adquirió varios compromisos, escríbalos juntos en la celda `compromiso`."),
    },
    "Libro con mapeo": {
        "patron-no-admitido": Code("Patrón no admitido", "Un `patron` del mapeo usa algo que el lector de patrones no admite (referencias hacia atrás como `\\1`, búsquedas hacia adelante o atrás como `(?=...)`, repeticiones de más de 1000). Escríbalo sin ellas; el mensaje dice cuál."),
        "claves-incompatibles": Code("Claves del mapeo que se contradicen", "El mapeo usa dos claves que no van juntas (`hoja` y `hojas`, `estructura` y `mapeo.niveles`, `patron` sin `codigo: desde_nombre`), o una clave donde no corresponde (lo programado va en `mapeo.vigencias`). Quite una; MAPEO.md explica cada clave."),
        "codigo-no-reconocido": Code("El nombre no empieza por un código", "Con `codigo: desde_nombre`, cada celda del nivel empieza por su código, p. ej. \"1.2 Educación de calidad\". Corrija la celda, o ajuste el `patron` del nivel en el mapeo."),
        "fila-omitida": Code("Fila omitida", "Es un aviso: una fila de totales, o una fila sin código ni texto de meta (notas), no es una meta y se omite; también se omite una fila que el mapeo nombra en `omitir_filas`. Si era una meta, escriba su código y su texto."),
        "cifras-sin-meta": Code("Cifras en una fila sin meta", "Es un aviso: la fila nombra un nivel del plan (un eje, un programa) pero no tiene código ni texto de meta, y trae cifras en columnas de la meta (línea base, meta del cuatrienio, programado, ejecutado). Esas cifras no se publican. Si es una meta, escriba su código y su texto; si son totales del nivel, no hacen falta: el sitio calcula los suyos."),
        "filas-vacias": Code("Filas vacías entre las metas", "Es un aviso: hay filas vacías entre las metas; se omiten y se sigue leyendo. Bórrelas si no hacen falta."),
        "corte-sin-datos": Code("Corte sin datos en el libro", "Es un aviso: `mapeo.cortes` pide un corte que no tiene ningún dato en el libro, y no se publica. Quítelo de la lista, o llene las columnas de ese trimestre."),
        "corte-incompleto": Code("Corte con pocos datos", "Es un aviso: un trimestre tiene dato para pocas de las metas programadas ese año; quizá no ha cerrado. Si es así, limite los cortes publicados con `mapeo.cortes`."),
        "pesos-distintos": Code("Un nodo con pesos distintos", "Es un aviso: un nodo tiene otro peso en otra de sus filas; se usa el primero. Escriba el mismo peso en todas las filas del nodo."),
        "pesos-normalizados": Code("Los pesos no suman 1 ni 100", "Es un aviso: los pesos de los nodos hermanos no suman 1 (ni 100), y se reparten en proporción para que sumen. Revise los pesos si esperaba otro reparto."),
        "marca-contradice-programado": Code("La marca de programada contradice lo programado", "Es un aviso: la meta está marcada como no programada y tiene valor programado, o al revés. Corrija la marca o el valor programado."),
        "marca-desconocida": Code("Marca de programada desconocida", "Es un aviso: la columna de estado tiene una palabra que el mapeo no reconoce como programada o no programada. Añádala en `mapeo.valores.estado`, p. ej. `estado: {X: programada}`."),
        "programado-no-coincide": Code("Las dos columnas de lo programado no coinciden", "Es un aviso: la columna que verifica lo programado (`verificar_programado`) tiene otro valor que la de lo programado, y se usa la de lo programado. Corrija la que esté mal."),
        "ejecutado-no-coincide-con-trimestres": Code("Ejecutado del año distinto de los trimestres", "Es un aviso: el ejecutado del año no es la suma de los trimestres (o el último trimestre con dato, si son acumulados). Se usa el del año y los cortes anteriores se ajustan en proporción; revise los valores."),
        "titulo-no-encontrado": Code("El título de la hoja no tiene lo que busca el mapeo", "Un valor del mapeo sale del título de la hoja (`titulo:` con un patrón) y ninguna celda de las filas de arriba de los encabezados coincide con el patrón. Corrija el patrón en `plan.yml`, o use `celda: A1` o `valor:`."),
        "nombre-sin-nodo": Code("Corrección de nombre que no se usa", "Es un aviso: `mapeo.nombres` corrige el nombre de un código que no es de ningún nodo del plan. Revise el código: es el que se publica (p. ej. `E1` o `1.2`), no el del libro."),
        "corte-posterior-al-libro": Code("Corte posterior a la fecha del libro", "Es un aviso: el corte termina después de la última vez que se guardó el libro, así que sus cifras no pueden estar completas (suelen ser columnas llenadas con 0 de antemano). Si no debe publicarse, limite los cortes con `mapeo.cortes` o deje vacías esas columnas."),
        "corte-en-cero": Code("Corte con todo en cero", "Es un aviso: todas las metas del corte tienen ejecutado 0. Suele ser una columna llenada con 0 antes de tener datos; el sitio lo publicaría como 0 % de avance. Deje vacías las celdas sin dato, o limite los cortes con `mapeo.cortes`."),
        "conflicto-entre-libros": Code("Dos libros dicen distinto de la misma meta", "Con varios libros para un plan (`mapeo.libros`), una meta tiene en dos libros valores distintos para el mismo dato (su texto, su programa, lo programado de un año, o su ejecutado en un mismo corte). Se usa el del primer libro de la lista; corrija el que esté mal. El mensaje nombra los dos libros, con hoja y fila."),
    },
    "Revisión de consistencia (PE-P-004)": {
        "ejecutado-disminuye": Code("El ejecutado acumulado bajó", "Es un aviso: cada corte reporta lo acumulado en el año, que no debería bajar de un corte al siguiente. Revise el valor de los dos cortes."),
        "sin-reporte": Code("Meta programada sin reporte", "Es un aviso: la meta está programada en el año y no tiene fila en el último corte de ese año, y se publica como sin reporte. Agregue su avance (0 si no avanzó)."),
        "gasto-sin-avance": Code("Gasto sin avance físico", "Es un aviso: la meta tiene recursos ejecutados o pagados en el corte y no reporta avance físico. Revise el avance, o la ejecución financiera."),
    },
}

CODES: dict[str, Code] = {codigo: code for group in GROUPS.values() for codigo, code in group.items()}


def page() -> str:
    """PROBLEMAS.md: every code with its explanation, for the planning office."""
    lines = [
        "# Problemas en los archivos del plan",
        "",
        "Cada problema que el generador encuentra en los archivos de entrada lleva un código entre",
        "corchetes al final de la línea, p. ej. `[celda-no-numero]`. Esta página explica cada código y",
        "cómo corregirlo. Un **error** impide publicar; un **aviso** no, pero pide revisar el dato.",
        "La línea dice dónde está el problema: archivo, hoja, fila y columna (en plan.yml, línea y clave).",
        "",
        "Esta página se genera con `python -m generator.problem_codes > PROBLEMAS.md`.",
    ]
    for group, codes in GROUPS.items():
        lines += ["", f"## {group}"]
        for codigo, code in codes.items():
            lines += ["", f"### `{codigo}`", "", f"**{code.titulo}.** {code.explicacion}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(page(), end="")
